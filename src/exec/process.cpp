#include "exec/process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/error.hpp"

namespace pgkeel::exec {

namespace fs = std::filesystem;

int run_process(const std::vector<std::string>& argv, std::string& output) {
    output.clear();
    if (argv.empty()) throw_internal("run_process: empty argv");
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw Error(ErrorKind::Internal, "pipe: " + std::string(std::strerror(errno)));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        throw Error(ErrorKind::Internal, "fork: " + std::string(std::strerror(errno)));
    }
    if (pid == 0) {
        // Only async-signal-safe calls until exec.
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, STDIN_FILENO);
        execvp(args[0], args.data());
        _exit(127);
    }
    close(fds[1]);
    char buf[4096];
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n > 0) output.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) break;
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

bool running_as_root() { return geteuid() == 0; }

std::vector<std::string> as_server_user(std::vector<std::string> argv) {
    if (!running_as_root()) return argv;
    std::vector<std::string> out = {"runuser", "-u", "postgres", "--"};
    out.insert(out.end(), argv.begin(), argv.end());
    return out;
}

std::string pg_bindir() {
    std::error_code ec;
    std::string out;
    try {
        if (run_process({"pg_config", "--bindir"}, out) == 0) {
            while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
            if (fs::exists(fs::path(out) / "initdb", ec)) return out;
        }
    } catch (const Error&) {
    }
    if (fs::exists("/usr/lib/postgresql/15/bin/initdb", ec)) return "/usr/lib/postgresql/15/bin";
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec))
        if (fs::exists(e.path() / "bin" / "initdb", ec)) found.push_back((e.path() / "bin").string());
    if (found.empty())
        throw Error(ErrorKind::Database,
                    "PostgreSQL's server programs (initdb, pg_ctl) were not found: install postgresql-15, or pass --dev-db URL");
    std::sort(found.begin(), found.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;  // numeric order of the version folder
    });
    return found.back();
}

}  // namespace pgkeel::exec
