#pragma once
// What the benchmark programs share: wall time since a point, peak RSS, and
// the reference: libpg_query alone parsing the same text.
#include <pg_query.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
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

// Best times of libpg_query's two parse calls over the same texts: pg_query_parse
// (JSON output; the issues' reference) and pg_query_parse_protobuf.
struct RawParse {
    double json = 1e9;
    double protobuf = 1e9;

    template <class... Texts>
    void measure(const Texts&... texts) {
        auto t0 = std::chrono::steady_clock::now();
        (pg_query_free_parse_result(pg_query_parse(texts.c_str())), ...);
        json = std::min(json, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        (pg_query_free_protobuf_parse_result(pg_query_parse_protobuf(texts.c_str())), ...);
        protobuf = std::min(protobuf, seconds_since(t0));
    }
};

}  // namespace pgkeel::bench
