#pragma once
// What the benchmark programs share: wall time since a point, peak RSS, and
// the reference: libpg_query alone parsing the same files.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace pgkeel::bench {

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline long peak_rss_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// Best times of libpg_query's two parse calls over the same files:
// pg_query_parse (JSON output; the issues' reference) and
// pg_query_parse_protobuf. They are measured by the raw_parse program beside
// the benchmark, once per file on each call (best of two parses, so that its
// heap is as warm as the benchmark's own): raw_parse keeps the system
// allocator, while the benchmarks, like pgkeel, use jemalloc, which makes
// libpg_query's own parse about 8% slower (docs/benchmarks.md). The
// reference is libpg_query as it comes.
struct RawParse {
    explicit RawParse(const char* argv0) : program(std::filesystem::path(argv0).parent_path() / "raw_parse") {
        if (access(program.c_str(), X_OK) != 0) {
            std::fprintf(stderr, "%s: the reference program %s is missing (ninja -C BUILD_DIR tools/bench/raw_parse)\n", argv0,
                         program.c_str());
            std::exit(2);
        }
    }

    std::filesystem::path program;
    double json = 1e9;
    double protobuf = 1e9;

    template <class... Paths>
    void measure(const Paths&... paths) {
        double j = 0, p = 0;
        (run(paths, j, p), ...);
        json = std::min(json, j);
        protobuf = std::min(protobuf, p);
    }

private:
    void run(const std::string& path, double& j, double& p) const {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        std::string prog = program.string(), repeat = "2";
        char* args[] = {prog.data(), const_cast<char*>(path.c_str()), repeat.data(), nullptr};
        pid_t pid = 0;
        int rc = posix_spawn(&pid, prog.c_str(), &actions, nullptr, args, environ);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        std::string out;
        char buf[512];
        for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
        close(fds[0]);
        int status = 0;
        if (rc != 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw std::runtime_error(prog + " failed on " + path);
        j += value(out, "raw_parse_seconds=");
        p += value(out, "raw_protobuf_seconds=");
    }

    static double value(const std::string& out, const std::string& key) {
        auto at = out.find(key);
        if (at == std::string::npos) throw std::runtime_error("raw_parse printed no " + key);
        return std::strtod(out.c_str() + at + key.size(), nullptr);
    }
};

}  // namespace pgkeel::bench
