#include "load/toml_text.hpp"

#include <algorithm>

namespace pgkeel::load {

TomlFile::TomlFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::size_t TomlFile::offset_of(int line, int column) const {
    if (line < 1) return 0;
    if (static_cast<std::size_t>(line) > line_starts_.size()) return text_.size();
    std::size_t i = line_starts_[static_cast<std::size_t>(line) - 1];
    for (int c = 1; c < column && i < text_.size() && text_[i] != '\n'; ++c) {
        ++i;
        while (i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
}

SourceLocation TomlFile::locate(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t line_start = *(it - 1);
    SourceLocation loc{path_, static_cast<int>(it - line_starts_.begin()), 1};
    for (std::size_t i = line_start; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++loc.column;
    return loc;
}

namespace {

std::size_t utf8_length(uint32_t cp) {
    if (cp < 0x80) return 1;
    if (cp < 0x800) return 2;
    if (cp < 0x10000) return 3;
    return 4;
}

}  // namespace

std::vector<std::size_t> string_value_offsets(const std::string& text, std::size_t start, std::size_t decoded_size) {
    std::vector<std::size_t> out;
    if (start >= text.size()) return out;
    const char q = text[start];
    if (q != '"' && q != '\'') return out;
    const bool multi = text.compare(start, 3, std::string(3, q)) == 0;
    const bool literal = q == '\'';
    std::size_t i = start + (multi ? 3 : 1);
    if (multi) {  // a newline right after the opening delimiter is trimmed
        if (text.compare(i, 2, "\r\n") == 0) i += 2;
        else if (i < text.size() && text[i] == '\n') ++i;
    }
    out.reserve(decoded_size + 1);
    while (i < text.size()) {
        if (multi) {
            if (text.compare(i, 3, std::string(3, q)) == 0) {
                // up to two quotes right before the closing delimiter belong to the value
                std::size_t run = 0;
                while (i + 3 + run < text.size() && text[i + 3 + run] == q && run < 2) ++run;
                for (std::size_t k = 0; k < run; ++k) out.push_back(i + k);
                out.push_back(i + run);
                break;
            }
        } else if (text[i] == q || text[i] == '\n') {
            out.push_back(i);
            break;
        }
        if (!literal && text[i] == '\\' && i + 1 < text.size()) {
            char e = text[i + 1];
            if (multi && (e == ' ' || e == '\t' || e == '\n' || e == '\r')) {
                // line-ending backslash: the newline and the whitespace after it vanish
                std::size_t j = i + 1;
                while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) ++j;
                i = j;
                continue;
            }
            std::size_t bytes = 1;
            std::size_t len = 2;
            if (e == 'u' || e == 'U') {
                len = e == 'u' ? 6 : 10;
                uint32_t cp = 0;
                for (std::size_t k = i + 2; k < i + len && k < text.size(); ++k) {
                    char h = text[k];
                    cp = cp * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                }
                bytes = utf8_length(cp);
            }
            for (std::size_t k = 0; k < bytes; ++k) out.push_back(i);
            i += len;
            continue;
        }
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;  // CRLF decodes to LF
            continue;
        }
        out.push_back(i);
        ++i;
    }
    // the caller's value may be a prefix of the decoded string (trailing text trimmed)
    if (out.size() < decoded_size + 1) out.clear();
    return out;
}

}  // namespace pgkeel::load
