#pragma once
// What the executor and the backfill runner print: readable lines, or one
// JSON object per line (--log-format json), on standard output.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

namespace pgkeel::exec {

class Log {
public:
    explicit Log(bool json_lines) : json_(json_lines) {}
    // Text mode prints `text` (nothing when empty); JSON mode prints `event` with a timestamp.
    void emit(const std::string& text, nlohmann::json event) const;
    [[nodiscard]] bool json_lines() const { return json_; }

private:
    bool json_;
};

using Clock = std::chrono::steady_clock;

std::string trimmed(std::string s);          // without trailing newlines and spaces
std::string ms_text(long long ms);           // "350 ms", "2.5 s"
long long elapsed_ms(Clock::time_point t0);

}  // namespace pgkeel::exec
