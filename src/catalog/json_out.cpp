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

void indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

}  // namespace

Json::Json(const std::vector<std::string>& items) : kind_(Kind::Array) {
    items_.reserve(items.size());
    for (const auto& s : items) items_.emplace_back(s);
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
    constexpr std::size_t kIndexFrom = 16;  // below that a scan is cheaper
    if (members_.size() < kIndexFrom) {
        for (auto& [k, v] : members_)
            if (k == key) return v;
    } else {
        if (index_.empty())
            for (std::size_t i = 0; i < members_.size(); ++i) index_.emplace(members_[i].first, i);
        auto [it, added] = index_.emplace(key, members_.size());
        if (!added) return members_[it->second].second;
    }
    return members_.emplace_back(std::move(key), Json()).second;
}

void Json::push_back(Json value) {
    if (kind_ == Kind::Null) kind_ = Kind::Array;
    items_.push_back(std::move(value));
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
            if (items_.empty()) {
                out += "[]";
                return;
            }
            out += "[\n";
            for (std::size_t i = 0; i < items_.size(); ++i) {
                if (i > 0) out += ",\n";
                indent(out, depth + 1);
                items_[i].write(out, depth + 1);
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
            std::vector<std::size_t> order(members_.size());
            std::iota(order.begin(), order.end(), 0);
            auto less = [&](std::size_t a, std::size_t b) { return members_[a].first < members_[b].first; };
            if (order.size() <= 24) {
                // insertion sort: no buffer for the many small objects
                for (std::size_t i = 1; i < order.size(); ++i)
                    for (std::size_t k = i; k > 0 && less(order[k], order[k - 1]); --k) std::swap(order[k], order[k - 1]);
            } else {
                std::sort(order.begin(), order.end(), less);
            }
            out += "{\n";
            for (std::size_t k = 0; k < order.size(); ++k) {
                const auto& [key, value] = members_[order[k]];
                if (k > 0) out += ",\n";
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
