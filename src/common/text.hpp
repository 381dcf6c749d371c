#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace pgkeel {
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to word, if close enough to be a likely typo; else empty.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);
std::string read_file(const std::string& path);
}  // namespace pgkeel
