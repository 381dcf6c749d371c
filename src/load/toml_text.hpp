#pragma once
// Positions inside TOML source text: a file's line index, and the map from each
// byte of a decoded string value back to the file, so an error inside an SQL
// fragment (also in a multi-line or escaped string) names the file's own line
// and column of the offending character.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace pgkeel::load {

class TomlFile {
public:
    TomlFile(std::string path, std::string text);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::string& text() const { return text_; }
    // Byte offset of a 1-based line and column (columns count code points, as toml++ does).
    [[nodiscard]] std::size_t offset_of(int line, int column) const;
    // Line and column of a byte offset.
    [[nodiscard]] SourceLocation locate(std::size_t offset) const;

private:
    std::string path_;
    std::string text_;
    std::vector<std::size_t> line_starts_;
};

// A place in a TOML file (or a fixed location), turned into a line and
// column only when a message needs it: the loader records a place for every
// piece of SQL it writes, and almost none are ever shown.
class Place {
public:
    Place() = default;
    Place(const TomlFile& file, std::size_t offset) : file_(&file), offset_(offset) {}
    explicit Place(std::shared_ptr<const SourceLocation> fixed) : fixed_(std::move(fixed)) {}

    [[nodiscard]] SourceLocation resolve() const {
        return file_ != nullptr ? file_->locate(offset_) : fixed_ ? *fixed_ : SourceLocation{};
    }

private:
    const TomlFile* file_ = nullptr;
    std::size_t offset_ = 0;
    std::shared_ptr<const SourceLocation> fixed_;
};

// For a string token starting at byte `start` of text (at its opening quote),
// the file offset of every byte of the decoded value, plus one entry for the
// position just after the value. Returns an empty vector when the token is not
// a string or decodes to fewer than `decoded_size` bytes (then callers fall
// back to the token's start); the value may be a prefix of the decoded string.
std::vector<std::size_t> string_value_offsets(const std::string& text, std::size_t start, std::size_t decoded_size);

}  // namespace pgkeel::load
