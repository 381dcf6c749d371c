#include "catalog/json_out.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace pgkeel::catalog {
namespace {

// Whether text is valid UTF-8 (nlohmann refuses to write anything else).
bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        if (len > 1) {
            // overlong forms, surrogates and code points past U+10FFFF
            uint32_t cp = c & (0xFF >> (len + 1));
            for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
            if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        }
        i += len;
    }
    return true;
}

void write_string(std::string_view text, std::string& out) {
    if (!valid_utf8(text)) {
        out += nlohmann::json(std::string(text)).dump(2);  // throws nlohmann's own error, as before
        return;
    }
    static const char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;  // start of the characters not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text, run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
        }
    }
    out.append(text, run, text.size() - run);
    out += '"';
}

void indent(std::string& out, std::size_t depth) { out.append(depth * 2, ' '); }

}  // namespace

void JsonWriter::separator() {
    if (has_key_) {  // key() wrote the separator and the key already
        has_key_ = false;
        return;
    }
    if (frames_.empty()) return;  // the document itself
    Frame& f = frames_.back();
    out_ += f.count++ == 0 ? "\n" : ",\n";
    indent(out_, frames_.size());
}

JsonWriter& JsonWriter::key(std::string_view k) {
    Frame& f = frames_.back();
    if (f.count > 0) {
        Member& prev = members_.back();
        prev.end = out_.size();
        if (f.sorted && !(prev.key < k)) f.sorted = false;
    }
    out_ += f.count++ == 0 ? "\n" : ",\n";
    members_.push_back(Member{std::string(k), out_.size(), 0});
    indent(out_, frames_.size());
    write_string(k, out_);
    out_ += ": ";
    has_key_ = true;
    return *this;
}

void JsonWriter::begin(bool object, char open) {
    separator();
    out_ += open;
    frames_.push_back(Frame{object, true, 0, members_.size()});
}

void JsonWriter::begin_object() { begin(true, '{'); }
void JsonWriter::begin_array() { begin(false, '['); }

void JsonWriter::end_array() {
    const Frame f = frames_.back();
    frames_.pop_back();
    if (f.count > 0) {
        out_ += '\n';
        indent(out_, frames_.size());
    }
    out_ += ']';
}

void JsonWriter::end_object() {
    const Frame f = frames_.back();
    if (f.count > 0) {
        members_.back().end = out_.size();
        if (!f.sorted) sort_members(f);
    }
    members_.resize(f.first_member);
    frames_.pop_back();
    if (f.count > 0) {
        out_ += '\n';
        indent(out_, frames_.size());
    }
    out_ += '}';
}

// Rewrites the members of the object f, already written, in key order; of a
// key written twice, the last value.
void JsonWriter::sort_members(const Frame& f) {
    const auto first = members_.begin() + static_cast<std::ptrdiff_t>(f.first_member);
    const std::size_t begin = first->begin;
    std::stable_sort(first, members_.end(), [](const Member& a, const Member& b) { return a.key < b.key; });
    scratch_.clear();
    for (auto it = first; it != members_.end(); ++it) {
        if (it + 1 != members_.end() && (it + 1)->key == it->key) continue;  // a later value follows
        if (!scratch_.empty()) scratch_ += ",\n";
        scratch_.append(out_, it->begin, it->end - it->begin);
    }
    out_.replace(begin, out_.size() - begin, scratch_);
}

void JsonWriter::null() {
    separator();
    out_ += "null";
}

void JsonWriter::value(std::string_view s) {
    separator();
    write_string(s, out_);
}

void JsonWriter::value(bool b) {
    separator();
    out_ += b ? "true" : "false";
}

void JsonWriter::value(int64_t v) {
    separator();
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, end);
}

void JsonWriter::value(double v) {
    separator();
    out_ += nlohmann::json(v).dump();
}

void JsonWriter::value(const std::vector<std::string>& items) {
    begin_array();
    for (const auto& s : items) value(s);
    end_array();
}

void JsonWriter::value(const std::map<std::string, std::string>& members) {
    begin_object();
    for (const auto& [k, v] : members) key(k).value(v);
    end_object();
}

}  // namespace pgkeel::catalog
