#include "catalog/json_out.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <numeric>

namespace pgkeel::catalog {
namespace {

// Whether text is valid UTF-8 (nlohmann refuses to write anything else).
bool valid_utf8(const std::string& text) {
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

void write_string(const std::string& text, std::string& out) {
    if (!valid_utf8(text)) {
        out += nlohmann::json(text).dump(2);  // throws nlohmann's own error, as before
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

// Room for the members most objects have, so they are not moved while it grows.
constexpr std::size_t kFirstCapacity = 8;

void indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

}  // namespace

Json::Json(const std::vector<std::string>& items) : kind_(Kind::Array) {
    members_.reserve(items.size());
    for (const auto& s : items) members_.emplace_back(std::string(), Json(s));
}

Json::Json(const std::map<std::string, std::string>& members) : kind_(Kind::Object) {
    members_.reserve(members.size());
    for (const auto& [k, v] : members) members_.emplace_back(k, Json(v));
}

Json::Json(std::initializer_list<std::pair<const char*, Json>> members) : kind_(Kind::Object) {
    members_.reserve(members.size());
    for (const auto& [k, v] : members) members_.emplace_back(k, v);
}

Json Json::object() {
    Json j;
    j.kind_ = Kind::Object;
    return j;
}

Json Json::array() {
    Json j;
    j.kind_ = Kind::Array;
    return j;
}

Json& Json::operator[](std::string key) {
    if (kind_ == Kind::Null) kind_ = Kind::Object;
    for (auto& [k, v] : members_)
        if (k == key) return v;
    if (members_.empty()) members_.reserve(kFirstCapacity);
    return members_.emplace_back(std::move(key), Json()).second;
}

void Json::add(std::string key, Json value) {
    if (kind_ == Kind::Null) kind_ = Kind::Object;
    if (members_.empty()) members_.reserve(kFirstCapacity);
    members_.emplace_back(std::move(key), std::move(value));
}

void Json::push_back(Json value) {
    if (kind_ == Kind::Null) kind_ = Kind::Array;
    if (members_.empty()) members_.reserve(kFirstCapacity);
    members_.emplace_back(std::string(), std::move(value));
}

std::string Json::dump() const {
    std::string out;
    write(out, 0);
    return out;
}

void Json::write(std::string& out, int depth) const {
    switch (kind_) {
        case Kind::Null: out += "null"; return;
        case Kind::Bool: out += int_ != 0 ? "true" : "false"; return;
        case Kind::Int: {
            char buf[24];
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, int_);
            out.append(buf, end);
            return;
        }
        case Kind::Double: out += nlohmann::json(double_).dump(); return;
        case Kind::String: write_string(text_, out); return;
        case Kind::Array:
            if (members_.empty()) {
                out += "[]";
                return;
            }
            out += "[\n";
            for (std::size_t i = 0; i < members_.size(); ++i) {
                if (i > 0) out += ",\n";
                indent(out, depth + 1);
                members_[i].second.write(out, depth + 1);
            }
            out += '\n';
            indent(out, depth);
            out += ']';
            return;
        case Kind::Object: {
            if (members_.empty()) {
                out += "{}";
                return;
            }
            // members by key; of a key added twice, the last one
            constexpr std::size_t kInline = 32;  // most objects: no buffer to allocate
            std::size_t inline_order[kInline];
            std::vector<std::size_t> heap_order;
            std::size_t* order = inline_order;
            if (members_.size() > kInline) {
                heap_order.resize(members_.size());
                order = heap_order.data();
            }
            const std::size_t n = members_.size();
            std::iota(order, order + n, 0);
            auto less = [&](std::size_t a, std::size_t b) { return members_[a].first < members_[b].first; };
            if (n <= kInline) {
                for (std::size_t i = 1; i < n; ++i)  // insertion sort, stable
                    for (std::size_t k = i; k > 0 && less(order[k], order[k - 1]); --k) std::swap(order[k], order[k - 1]);
            } else {
                std::stable_sort(order, order + n, less);
            }
            out += "{\n";
            bool first = true;
            for (std::size_t k = 0; k < n; ++k) {
                if (k + 1 < n && !less(order[k], order[k + 1])) continue;  // a later value for the same key follows
                const auto& [key, value] = members_[order[k]];
                if (!first) out += ",\n";
                first = false;
                indent(out, depth + 1);
                write_string(key, out);
                out += ": ";
                value.write(out, depth + 1);
            }
            out += '\n';
            indent(out, depth);
            out += '}';
            return;
        }
    }
}

}  // namespace pgkeel::catalog
