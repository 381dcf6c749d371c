#pragma once
// Connections of the executor and the backfill runner.
#include <memory>
#include <pqxx/pqxx>
#include <string>

namespace pgkeel::exec {

// "<host>:<pid>:<random>": names one executor or runner in its lease and
// application_name.
std::string holder_id();
// Opens a connection; a failure is a database error (exit 1) with libpq's message.
std::unique_ptr<pqxx::connection> connect(const std::string& conninfo);

}  // namespace pgkeel::exec
