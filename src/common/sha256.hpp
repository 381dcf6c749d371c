#pragma once
#include <string>
#include <string_view>

namespace pgkeel {
// Lower-case hex sha256 of the bytes of text.
std::string sha256_hex(std::string_view text);
}  // namespace pgkeel
