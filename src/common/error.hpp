#pragma once
// One error base with a kind; every error that ends an operation is an Error.
// Input errors carry a source location (file, line, column).
#include <stdexcept>
#include <string>
#include <string_view>

namespace pgkeel {

enum class ErrorKind {
    Input,     // bad flags, TOML or SQL the user wrote: exit 5
    Database,  // connection failed, server error: exit 1
    Internal,  // a bug in pgkeel: exit 1
};

struct SourceLocation {
    std::string file;  // empty when the text did not come from a file
    int line = 0;      // 1-based; 0 = unknown
    int column = 0;    // 1-based; 0 = unknown

    [[nodiscard]] std::string str() const;  // "file:line:column"
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string message, SourceLocation where = {});

    [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }
    [[nodiscard]] const SourceLocation& where() const noexcept { return where_; }
    [[nodiscard]] const std::string& message() const noexcept { return message_; }
    // Exit code fixed by the design brief: 5 invalid input, 1 otherwise.
    [[nodiscard]] int exit_code() const noexcept;

private:
    static std::string format(const std::string& message, const SourceLocation& where);
    ErrorKind kind_;
    std::string message_;
    SourceLocation where_;
};

[[noreturn]] void throw_input(std::string message, SourceLocation where = {});
[[noreturn]] void throw_internal(std::string message);

// Line and column (1-based, in characters counted as bytes) of a byte offset in text.
SourceLocation locate(const std::string& file, std::string_view text, std::size_t offset);

}  // namespace pgkeel
