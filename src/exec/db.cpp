#include "exec/db.hpp"

#include <unistd.h>

#include <random>

#include "common/error.hpp"
#include "exec/log.hpp"

namespace pgkeel::exec {

std::string holder_id() {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    std::random_device rd;
    return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(rd() % 100000);
}

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
    try {
        return std::make_unique<pqxx::connection>(conninfo);
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Database, "cannot connect to the database: " + trimmed(e.what()));
    }
}

}  // namespace pgkeel::exec
