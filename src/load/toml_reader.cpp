#include "load/toml_reader.hpp"

#include <algorithm>
#include <tuple>

#include "common/text.hpp"

namespace pgkeel::load {
namespace {

// `key`, built in place (GCC 12 warns falsely on "`" + std::string temporaries).
std::string backticked(const char* key) {
    std::string out(1, '`');
    out += key;
    out += '`';
    return out;
}

}  // namespace

void Diagnostics::error(SourceLocation where, std::string message) {
    for (const auto& i : items_)
        if (i.where.file == where.file && i.where.line == where.line && i.where.column == where.column &&
            i.message == message)
            return;
    items_.push_back({std::move(where), std::move(message)});
}

void Diagnostics::raise() const {
    std::vector<Item> sorted = items_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Item& a, const Item& b) {
        return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
    });
    if (sorted.size() == 1) throw_input(sorted[0].message, sorted[0].where);
    std::string all;
    for (const auto& i : sorted) {
        if (!all.empty()) all += '\n';
        all += i.where.str();
        all += ": ";
        all += i.message;
    }
    all += "\n" + std::to_string(sorted.size()) + " errors; nothing was loaded";
    throw Error(ErrorKind::Input, all);
}

SourceLocation Text::where() const { return file != nullptr ? file->locate(start) : SourceLocation{}; }

SourceLocation Text::at(std::size_t i) const {
    if (file == nullptr) return {};
    if (!offsets_) offsets_ = std::make_shared<std::vector<std::size_t>>(string_value_offsets(file->text(), start, value.size()));
    if (offsets_->empty()) return where();
    return file->locate((*offsets_)[std::min(i, offsets_->size() - 1)]);
}

const char* toml_type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::date:
        case toml::node_type::time:
        case toml::node_type::date_time: return "a date or time";
        default: return "nothing";
    }
}

Place Obj::place(const toml::node& n) const {
    const auto& b = n.source().begin;
    if (b.line == 0 && origin_) return Place(origin_);
    return Place(f_, f_.offset_of(static_cast<int>(b.line), static_cast<int>(b.column)));
}

SourceLocation Obj::loc(const char* key) const {
    const toml::node* n = t_.get(key);
    return n != nullptr ? loc(*n) : where();
}

Text Obj::text_of(const toml::node& n) const {
    const auto& b = n.source().begin;
    Text t;
    t.value = n.as_string() != nullptr ? n.as_string()->get() : std::string();
    t.file = &f_;
    t.start = f_.offset_of(static_cast<int>(b.line), static_cast<int>(b.column));
    return t;
}

void Obj::wrong_type(const char* key, const toml::node& n, const std::string& expected) const {
    d_.error(loc(n), backticked(key) + " expects " + expected + ", found " + toml_type_name(n));
}

void Obj::missing(const char* key) const { d_.error(where(), what_ + " is missing `" + key + "`"); }

const toml::node* Obj::node(const char* key) {
    known_.emplace_back(key);
    return t_.get(key);
}

std::optional<Text> Obj::text(const char* key, bool required) {
    const toml::node* n = node(key);
    if (n == nullptr) {
        if (required) missing(key);
        return std::nullopt;
    }
    if (!n->is_string()) {
        wrong_type(key, *n, "a string");
        return std::nullopt;
    }
    return text_of(*n);
}

bool Obj::flag(const char* key) {
    const toml::node* n = node(key);
    if (n == nullptr) return false;
    if (!n->is_boolean()) {
        wrong_type(key, *n, "a boolean (true or false)");
        return false;
    }
    return n->as_boolean()->get();
}

std::optional<int64_t> Obj::integer(const char* key, int64_t min) {
    const toml::node* n = node(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_integer()) {
        wrong_type(key, *n, "an integer");
        return std::nullopt;
    }
    int64_t v = n->as_integer()->get();
    if (v < min) {
        d_.error(loc(*n), backticked(key) + " must be at least " + std::to_string(min) + ", found " + std::to_string(v));
        return std::nullopt;
    }
    return v;
}

std::optional<double> Obj::number(const char* key) {
    const toml::node* n = node(key);
    if (n == nullptr) return std::nullopt;
    if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
    if (!n->is_floating_point()) {
        wrong_type(key, *n, "a number");
        return std::nullopt;
    }
    return n->as_floating_point()->get();
}

std::vector<Text> Obj::text_list(const char* key, bool required, bool allow_empty) {
    std::vector<Text> out;
    const toml::node* n = node(key);
    if (n == nullptr) {
        if (required) missing(key);
        return out;
    }
    const toml::array* a = n->as_array();
    if (a == nullptr) {
        wrong_type(key, *n, "an array of strings");
        return out;
    }
    for (const auto& e : *a) {
        if (!e.is_string()) {
            d_.error(loc(e), backticked(key) + " expects an array of strings, found " + toml_type_name(e) + " in it");
            continue;
        }
        out.push_back(text_of(e));
    }
    if (required && !allow_empty && a->empty()) d_.error(loc(*n), backticked(key) + " must not be empty");
    return out;
}

std::optional<std::string> Obj::choice(const char* key, const std::vector<std::string>& allowed, bool required) {
    auto t = text(key, required);
    if (!t) return std::nullopt;
    std::string v = t->value;
    for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto& c : v)
        if (c == ' ') c = '_';
    if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) return v;
    std::string list;
    for (const auto& a : allowed) {
        if (!list.empty()) list += ", ";
        list += '"';
        list += a;
        list += '"';
    }
    std::string msg = backticked(key) + " must be one of " + list + ", found \"" + t->value + "\"";
    std::string near = nearest(v, allowed);
    if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
    d_.error(t->where(), msg);
    return std::nullopt;
}

const toml::table* Obj::table(const char* key) {
    const toml::node* n = node(key);
    if (n == nullptr) return nullptr;
    if (!n->is_table()) {
        wrong_type(key, *n, "a table");
        return nullptr;
    }
    return n->as_table();
}

std::vector<const toml::table*> Obj::tables(const char* key) {
    std::vector<const toml::table*> out;
    const toml::node* n = node(key);
    if (n == nullptr) return out;
    const toml::array* a = n->as_array();
    if (a == nullptr) {
        wrong_type(key, *n, "an array of tables ([[..." + std::string(key) + "]] or [{ ... }])");
        return out;
    }
    for (const auto& e : *a) {
        if (!e.is_table()) {
            d_.error(loc(e), backticked(key) + " expects an array of tables, found " + toml_type_name(e) + " in it");
            continue;
        }
        out.push_back(e.as_table());
    }
    return out;
}

void Obj::finish() const {
    for (const auto& [k, v] : t_) {
        if (std::find(known_.begin(), known_.end(), k.str()) != known_.end()) continue;
        std::string key(k.str());
        const auto& b = k.source().begin;
        SourceLocation at = b.line > 0 ? f_.locate(f_.offset_of(static_cast<int>(b.line), static_cast<int>(b.column))) : loc(v);
        std::string msg = "unknown key `" + key + "` in " + what_;
        std::string near = nearest(key, known_);
        if (!near.empty()) msg += "; did you mean `" + near + "`?";
        else {
            std::vector<std::string> sorted = known_;
            std::sort(sorted.begin(), sorted.end());
            sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
            msg += " (accepted: " + join(sorted, ", ") + ")";
        }
        d_.error(at, msg);
    }
}

}  // namespace pgkeel::load
