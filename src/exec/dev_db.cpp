#include "exec/dev_db.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <pqxx/pqxx>

#include "common/error.hpp"
#include "common/quote.hpp"
#include "exec/conninfo.hpp"
#include "exec/log.hpp"
#include "exec/process.hpp"
#include "load/live_loader.hpp"
#include "render/plan_renderer.hpp"

namespace pgkeel::exec {

namespace {

std::string tail(const std::string& text, std::size_t max = 2000) {
    return text.size() <= max ? text : "..." + text.substr(text.size() - max);
}

// Runs SQL on its own connection, outside any transaction (CREATE / DROP DATABASE).
void admin_exec(const std::string& url, const std::string& sql) {
    pqxx::connection c(url);
    pqxx::nontransaction tx(c);
    tx.exec(sql);
}

}  // namespace

DevDatabase::DevDatabase(std::string url) : url_(std::move(url)) {}

DevDatabase::~DevDatabase() {
    if (reaper_pipe_ < 0) return;
    // Closing the pipe is the reaper's signal: it stops the server and removes the dir.
    close(reaper_pipe_);
    int status = 0;
    while (waitpid(reaper_pid_, &status, 0) < 0 && errno == EINTR) {
    }
}

std::string DevDatabase::description() const {
    if (embedded_) return "embedded PostgreSQL in " + dir_;
    if (url_.empty()) return "embedded PostgreSQL (not started)";
    return describe(url_);
}

void DevDatabase::start_embedded() {
    std::string bindir = pg_bindir();
    char tmpl[] = "/tmp/pgkeel-dev.XXXXXX";
    if (mkdtemp(tmpl) == nullptr) throw Error(ErrorKind::Internal, "mkdtemp: " + std::string(std::strerror(errno)));
    dir_ = tmpl;
    embedded_ = true;
    chmod(dir_.c_str(), 0755);
    bool root = running_as_root();
    if (root) {
        passwd* pw = getpwnam("postgres");
        if (pw == nullptr || chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
            rmdir(dir_.c_str());
            throw Error(ErrorKind::Database, "running as root, the dev database needs the `postgres` user (initdb refuses root)");
        }
    }

    // The reaper: a shell that waits for end-of-file on a pipe only pgkeel
    // holds, then stops the server and removes the dir. pgkeel ending in any
    // way (exit, exception, Ctrl-C, kill -9) closes the pipe.
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw Error(ErrorKind::Internal, "pipe: " + std::string(std::strerror(errno)));
    const char* script =
        "trap '' INT TERM HUP QUIT; cat >/dev/null; "
        "if [ -f \"$1/data/postmaster.pid\" ]; then "
        "  if [ \"$3\" = 1 ]; then runuser -u postgres -- \"$2/pg_ctl\" -D \"$1/data\" -m immediate -w stop; "
        "  else \"$2/pg_ctl\" -D \"$1/data\" -m immediate -w stop; fi; "
        "fi >/dev/null 2>&1; rm -rf \"$1\"";
    std::string root_flag = root ? "1" : "0";
    pid_t pid = fork();
    if (pid < 0) throw Error(ErrorKind::Internal, "fork: " + std::string(std::strerror(errno)));
    if (pid == 0) {
        setsid();
        dup2(fds[0], STDIN_FILENO);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, STDOUT_FILENO);
            dup2(devnull, STDERR_FILENO);
        }
        execl("/bin/sh", "sh", "-c", script, "sh", dir_.c_str(), bindir.c_str(), root_flag.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[0]);
    reaper_pipe_ = fds[1];
    reaper_pid_ = pid;

    std::string out;
    std::string data = dir_ + "/data";
    if (run_process(as_server_user({bindir + "/initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8",
                                    "--locale=C.UTF-8"}),
                    out) != 0)
        throw Error(ErrorKind::Database, "initdb of the dev database failed:\n" + trimmed(tail(out)));
    std::string options = "-k " + dir_ +
                          " -p 5432 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                          "-c max_connections=20 -c shared_buffers=32MB";
    if (run_process(as_server_user({bindir + "/pg_ctl", "-D", data, "-l", dir_ + "/server.log", "-w", "-s", "-o", options, "start"}),
                    out) != 0) {
        std::string log;
        run_process({"cat", dir_ + "/server.log"}, log);
        throw Error(ErrorKind::Database, "the dev database did not start:\n" + trimmed(tail(out + log)));
    }
    url_ = "host=" + dir_ + " port=5432 user=postgres dbname=postgres";
}

catalog::Catalog DevDatabase::normalize(const catalog::Catalog& declared, const std::string& live_user) {
    if (url_.empty()) start_embedded();
    const std::string name = "pgkeel_dev_" + std::to_string(getpid()) + "_" + std::to_string(++counter_);
    try {
        {
            pqxx::connection c(url_);
            pqxx::nontransaction tx(c);
            std::string missing;
            for (const auto& role : catalog::referenced_roles(declared)) {
                if (!tx.exec("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = " + quote_literal(role)).empty()) continue;
                if (!embedded_) {
                    missing += (missing.empty() ? "" : ", ") + role;
                    continue;
                }
                tx.exec("CREATE ROLE " + quote_ident(role) + " NOLOGIN");
            }
            if (!missing.empty())
                throw Error(ErrorKind::Database, "the dev database (" + describe(url_) +
                                                     ") has no role " + missing +
                                                     ", which the schema names; create it there, or leave out --dev-db to use an "
                                                     "embedded one");
            tx.exec("CREATE DATABASE " + quote_ident(name) + " TEMPLATE template0 ENCODING 'UTF8'");
        }
    } catch (const pqxx::broken_connection& e) {
        throw Error(ErrorKind::Database, "cannot connect to the dev database (" + description() + "): " + trimmed(e.what()));
    } catch (const pqxx::sql_error& e) {
        throw Error(ErrorKind::Database, "the dev database (" + description() + "): " + trimmed(e.what()));
    }
    const std::string url = with_params(url_, {{"dbname", name}});
    auto drop = [&] {
        try {
            admin_exec(url_, "DROP DATABASE IF EXISTS " + quote_ident(name) + " WITH (FORCE)");
        } catch (const std::exception&) {
            // best effort: the embedded server goes away anyway
        }
    };
    try {
        {
            pqxx::connection c(url);
            pqxx::work tx(c);
            try {
                tx.exec(render::render_sql(catalog::without_directives(declared)));
            } catch (const pqxx::sql_error& e) {
                throw Error(ErrorKind::Input, "the declared schema does not load into PostgreSQL (dev database): " + trimmed(e.what()));
            }
            tx.commit();
        }
        auto live = load::load_live(url);
        catalog::strip_owner(live.catalog, live.current_user);
        if (!live_user.empty()) catalog::strip_owner(live.catalog, live_user);
        drop();
        return std::move(live.catalog);
    } catch (...) {
        drop();
        throw;
    }
}

}  // namespace pgkeel::exec
