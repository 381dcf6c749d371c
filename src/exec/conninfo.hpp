#pragma once
// Connection strings: a postgresql:// URL or a libpq key=value string, with
// parameters replaced (dbname, application_name), parsed by libpq itself.
#include <map>
#include <string>

namespace pgkeel::exec {

// conninfo with `params` set (overriding what it had), as a key=value string.
// Throws an input error when libpq cannot parse conninfo.
std::string with_params(const std::string& conninfo, const std::map<std::string, std::string>& params);
// conninfo with its password hidden, for messages.
std::string describe(const std::string& conninfo);

}  // namespace pgkeel::exec
