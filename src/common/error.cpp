#include "common/error.hpp"

namespace pgkeel {

std::string SourceLocation::str() const {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0) out += ':' + std::to_string(column);
    }
    return out;
}

Error::Error(ErrorKind kind, std::string message, SourceLocation where)
    : std::runtime_error(format(message, where)),
      kind_(kind),
      message_(std::move(message)),
      where_(std::move(where)) {}

std::string Error::format(const std::string& message, const SourceLocation& where) {
    if (where.file.empty() && where.line == 0) return message;
    return where.str() + ": " + message;
}

int Error::exit_code() const noexcept { return kind_ == ErrorKind::Input ? 5 : 1; }

void throw_input(std::string message, SourceLocation where) {
    throw Error(ErrorKind::Input, std::move(message), std::move(where));
}

void throw_internal(std::string message) {
    throw Error(ErrorKind::Internal, "internal error: " + std::move(message));
}

SourceLocation locate(const std::string& file, std::string_view text, std::size_t offset) {
    SourceLocation loc{file, 1, 1};
    if (offset > text.size()) offset = text.size();
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++loc.line;
            loc.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++loc.column;  // count UTF-8 code points, not continuation bytes
        }
    }
    return loc;
}

}  // namespace pgkeel
