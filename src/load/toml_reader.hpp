#pragma once
// Reading TOML tables as object descriptions: every getter records the key as
// one the object accepts, wrong value types and missing fields become
// diagnostics, and finish() reports the keys nobody asked for, with the
// nearest accepted key as a suggestion. String values keep where they came
// from (Text), down to each character.
#include <toml++/toml.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "load/toml_text.hpp"

namespace pgkeel::load {

// Every error of a load; raise() throws them as one input error.
class Diagnostics {
public:
    void error(SourceLocation where, std::string message);
    [[nodiscard]] bool any() const { return !items_.empty(); }
    [[nodiscard]] std::size_t count() const { return items_.size(); }
    // Sorted by file, line and column; one line each.
    [[noreturn]] void raise() const;

private:
    struct Item {
        SourceLocation where;
        std::string message;
    };
    std::vector<Item> items_;
};

// A string value and where each of its bytes is in the file.
struct Text {
    std::string value;
    const TomlFile* file = nullptr;
    std::size_t start = 0;  // byte offset of the string token (its opening quote)

    [[nodiscard]] SourceLocation where() const;
    [[nodiscard]] Place place() const { return file != nullptr ? Place(*file, start) : Place(); }
    // Location of byte i of value (i == value.size(): just after it).
    [[nodiscard]] SourceLocation at(std::size_t i) const;

private:
    mutable std::shared_ptr<std::vector<std::size_t>> offsets_;
};

// "a string", "an integer", ... for messages.
const char* toml_type_name(const toml::node& n);

class Obj {
public:
    // `origin` stands for the table's position when it has none (one built by the loader).
    Obj(const toml::table& t, const TomlFile& f, std::string what, Diagnostics& d, std::optional<SourceLocation> origin = {})
        : t_(t), f_(f), what_(std::move(what)), d_(d) {
        if (origin) origin_ = std::make_shared<const SourceLocation>(std::move(*origin));
    }

    [[nodiscard]] const std::string& what() const { return what_; }
    [[nodiscard]] const TomlFile& file() const { return f_; }
    [[nodiscard]] Diagnostics& diagnostics() const { return d_; }
    [[nodiscard]] SourceLocation where() const { return place().resolve(); }
    [[nodiscard]] SourceLocation loc(const toml::node& n) const { return place(n).resolve(); }
    // The same places, resolved only when a message needs them.
    [[nodiscard]] Place place() const { return origin_ ? Place(origin_) : place(t_); }
    [[nodiscard]] Place place(const toml::node& n) const;
    // Where key's value is (the table itself when the key is absent).
    [[nodiscard]] SourceLocation loc(const char* key) const;
    [[nodiscard]] bool has(const char* key) const { return t_.contains(key); }

    // Accepted keys; each returns nothing (and reports) when the value has the wrong type.
    const toml::node* node(const char* key);
    std::optional<Text> text(const char* key, bool required = false);
    bool flag(const char* key);
    std::optional<int64_t> integer(const char* key, int64_t min = INT64_MIN);
    std::optional<double> number(const char* key);
    std::vector<Text> text_list(const char* key, bool required = false, bool allow_empty = false);
    // A string from a closed set (compared case-insensitively, returned lower-case).
    std::optional<std::string> choice(const char* key, const std::vector<std::string>& allowed, bool required = false);
    const toml::table* table(const char* key);
    // An array of tables ([[x]] or [{...}, ...]).
    std::vector<const toml::table*> tables(const char* key);

    void error(const SourceLocation& where, const std::string& message) const { d_.error(where, message); }
    void wrong_type(const char* key, const toml::node& n, const std::string& expected) const;
    void missing(const char* key) const;
    // Reports keys present but never asked for.
    void finish() const;
    // Text of a string node (caller checked the type).
    [[nodiscard]] Text text_of(const toml::node& n) const;

private:
    const toml::table& t_;
    const TomlFile& f_;
    std::string what_;
    Diagnostics& d_;
    std::vector<std::string> known_;
    std::shared_ptr<const SourceLocation> origin_;
};

}  // namespace pgkeel::load
