#include "exec/log.hpp"

#include <cstdio>
#include <ctime>
#include <iostream>

namespace pgkeel::exec {

void Log::emit(const std::string& text, nlohmann::json event) const {
    if (json_) {
        std::time_t t = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
        event["ts"] = buf;
        std::cout << event.dump() << "\n";
    } else if (!text.empty()) {
        std::cout << text << "\n";
    }
    std::cout.flush();
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

std::string ms_text(long long ms) {
    if (ms < 1000) return std::to_string(ms) + " ms";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
    return buf;
}

long long elapsed_ms(Clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
}

}  // namespace pgkeel::exec
