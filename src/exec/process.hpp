#pragma once
// Child processes and PostgreSQL's own programs (initdb, pg_ctl, pg_dump):
// pgkeel's only subprocess I/O.
#include <string>
#include <vector>

namespace pgkeel::exec {

// Runs argv (no shell) and waits; stdout and stderr are captured into output.
// Returns the exit status (128 + signal when killed).
int run_process(const std::vector<std::string>& argv, std::string& output);

// The directory of PostgreSQL's server programs: `pg_config --bindir` when it
// has initdb, else /usr/lib/postgresql/15/bin, else the newest
// /usr/lib/postgresql/*/bin. Throws a database error when none is installed.
std::string pg_bindir();

// True when running as root: PostgreSQL's server programs then run as the
// `postgres` user (initdb refuses root), through `runuser -u postgres --`.
bool running_as_root();
std::vector<std::string> as_server_user(std::vector<std::string> argv);

}  // namespace pgkeel::exec
