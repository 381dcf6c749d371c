#include "support/pg.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pgkeel::test {

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

int run(const std::string& command, std::string& output) {
    output.clear();
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    if (p == nullptr) throw std::runtime_error("popen failed: " + command);
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) output.append(buf.data(), n);
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string pg_bin(const std::string& tool) {
    const char* dir = std::getenv("PGKEEL_TEST_PGBIN");
    return dir != nullptr ? std::string(dir) + "/" + tool : tool;
}

bool have_cluster() { return std::getenv("PGHOST") != nullptr; }

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
}

TestDatabase::TestDatabase(const std::string& hint) {
    static std::atomic<int> counter{0};
    std::string clean;
    for (char c : hint) clean += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    if (clean.size() > 40) clean.resize(40);
    name_ = "t_" + clean + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    std::string out;
    if (run(pg_bin("psql") + " -qX -d postgres -v ON_ERROR_STOP=1 -c " + shell_quote("CREATE DATABASE " + name_), out) != 0)
        throw std::runtime_error("cannot create test database " + name_ + ": " + out);
}

TestDatabase::~TestDatabase() {
    std::string out;
    run(pg_bin("psql") + " -qX -d postgres -c " + shell_quote("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"), out);
}

std::string TestDatabase::psql_file(const std::string& path) const {
    std::string out;
    if (run(pg_bin("psql") + " -qX -v ON_ERROR_STOP=1 -d " + name_ + " -f " + shell_quote(path), out) != 0)
        throw std::runtime_error("psql -f " + path + " failed: " + out);
    return out;
}

std::string TestDatabase::psql(const std::string& sql) const {
    std::string out;
    if (run(pg_bin("psql") + " -qXAt -v ON_ERROR_STOP=1 -d " + name_ + " -c " + shell_quote(sql), out) != 0)
        throw std::runtime_error("psql failed: " + out);
    return out;
}

std::string TestDatabase::dump_schema() const {
    std::string out;
    if (run(pg_bin("pg_dump") + " --schema-only -d " + name_, out) != 0) throw std::runtime_error("pg_dump failed: " + out);
    return out;
}

}  // namespace pgkeel::test
