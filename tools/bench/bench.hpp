#pragma once
// What the benchmark programs share: wall time since a point, and peak RSS.
#include <sys/resource.h>

#include <chrono>

namespace pgkeel::bench {

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline long peak_rss_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

}  // namespace pgkeel::bench
