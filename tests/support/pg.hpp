#pragma once
// Test support: fresh databases on the throwaway cluster that
// tools/with-postgres.sh starts (PGHOST etc. in the environment).
#include <string>

namespace pgkeel::test {

// A database created for one test and dropped when the object goes away.
class TestDatabase {
public:
    explicit TestDatabase(const std::string& hint);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] std::string conninfo() const { return "dbname=" + name_; }
    // Runs SQL with psql (ON_ERROR_STOP); returns psql's output, throws on failure.
    std::string psql_file(const std::string& path) const;
    std::string psql(const std::string& sql) const;
    // pg_dump --schema-only of this database.
    [[nodiscard]] std::string dump_schema() const;

private:
    std::string name_;
};

// True when a test cluster is reachable (PGHOST set by the harness).
bool have_cluster();
// Runs a shell command; returns its exit status and fills output (stdout+stderr).
int run(const std::string& command, std::string& output);
// Path of a PostgreSQL client binary (psql, pg_dump) of the test cluster.
std::string pg_bin(const std::string& tool);
std::string shell_quote(const std::string& s);
std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);

}  // namespace pgkeel::test
