// raw_parse FILE [REPEAT]
//
// Reference point for the SQL loader benchmark: how long libpg_query alone
// takes to parse a whole DDL file, with no model building. Runs pg_query_parse
// (JSON output, the issues' reference) and pg_query_parse_protobuf REPEAT times
// each (default 5) and prints the best wall-clock times and the process's
// peak RSS:
//
//   raw_parse_seconds=0.123456        (pg_query_parse)
//   raw_protobuf_seconds=0.234567     (pg_query_parse_protobuf)
//   peak_rss_kib=45678
//
// plus the input size and protobuf size for context. Exit 1 on a parse error
// or unreadable file, 2 on bad usage.

#include <pg_query.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>

namespace {

bool read_file(const char* path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
}

// 1-based line and column of a 1-based byte offset (libpg_query's cursorpos).
std::pair<long, long> line_col(const std::string& text, int cursorpos) {
    long line = 1, col = 1;
    const auto end = std::min<std::size_t>(cursorpos > 0 ? cursorpos - 1 : 0, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return {line, col};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s FILE [REPEAT]\n", argv[0]);
        return 2;
    }
    const char* path = argv[1];
    long repeat = 5;
    if (argc == 3) {
        char* end = nullptr;
        repeat = std::strtol(argv[2], &end, 10);
        if (end == argv[2] || *end != '\0' || repeat < 1) {
            std::fprintf(stderr, "raw_parse: REPEAT must be a positive integer, got '%s'\n", argv[2]);
            return 2;
        }
    }

    std::string sql;
    if (!read_file(path, sql)) {
        std::fprintf(stderr, "raw_parse: cannot read %s\n", path);
        return 1;
    }

    double best = std::numeric_limits<double>::infinity();
    double best_protobuf = best;
    std::size_t pbuf_len = 0;
    for (long i = 0; i < repeat; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        PgQueryParseResult j = pg_query_parse(sql.c_str());
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        pg_query_free_parse_result(j);
        t0 = std::chrono::steady_clock::now();
        PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql.c_str());
        const auto t1 = std::chrono::steady_clock::now();
        if (r.error != nullptr) {
            const auto [line, col] = line_col(sql, r.error->cursorpos);
            std::fprintf(stderr, "raw_parse: %s:%ld:%ld: %s\n", path, line, col, r.error->message);
            pg_query_free_protobuf_parse_result(r);
            return 1;
        }
        pbuf_len = r.parse_tree.len;
        pg_query_free_protobuf_parse_result(r);
        best_protobuf = std::min(best_protobuf, std::chrono::duration<double>(t1 - t0).count());
    }

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);  // ru_maxrss is in KiB on Linux

    std::printf("input_bytes=%zu\n", sql.size());
    std::printf("protobuf_bytes=%zu\n", pbuf_len);
    std::printf("repeat=%ld\n", repeat);
    std::printf("raw_parse_seconds=%.6f\n", best);
    std::printf("raw_protobuf_seconds=%.6f\n", best_protobuf);
    std::printf("peak_rss_kib=%ld\n", static_cast<long>(ru.ru_maxrss));
    return 0;
}
