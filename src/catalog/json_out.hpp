#pragma once
// A small JSON document for the canonical serialization: built like
// nlohmann::json (objects by key, arrays by push_back) and written exactly as
// nlohmann's dump(2) writes it (keys sorted bytewise, two-space indent, the
// same string escapes and number formats), faster: members are kept in
// insertion order and sorted once when written instead of in a std::map.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pgkeel::catalog {

class Json {
public:
    Json() = default;
    Json(const char* s) : kind_(Kind::String), text_(s) {}               // NOLINT: implicit like nlohmann
    Json(std::string s) : kind_(Kind::String), text_(std::move(s)) {}    // NOLINT
    Json(bool b) : kind_(Kind::Bool), int_(b ? 1 : 0) {}                 // NOLINT
    Json(int64_t v) : kind_(Kind::Int), int_(v) {}                       // NOLINT
    Json(int v) : kind_(Kind::Int), int_(v) {}                           // NOLINT
    Json(double v) : kind_(Kind::Double), double_(v) {}                  // NOLINT
    Json(const std::vector<std::string>& items);                         // NOLINT: an array of strings
    Json(const std::map<std::string, std::string>& members);             // NOLINT: an object of strings
    Json(std::initializer_list<std::pair<const char*, Json>> members);   // an object

    static Json object();
    static Json array();

    // The member named key, added when missing (a null value becomes an
    // object), as with nlohmann::json. A linear search: for small objects.
    Json& operator[](std::string key);
    // Adds a member without looking for it (a null value becomes an object):
    // for large objects. When a key is added twice, the last value is written,
    // as operator[] would have kept it.
    void add(std::string key, Json value);
    // Appends to an array (a null value becomes an array).
    void push_back(Json value);

    // The document as nlohmann::json::dump(2) writes it.
    [[nodiscard]] std::string dump() const;

private:
    enum class Kind : uint8_t { Null, Bool, Int, Double, String, Array, Object };
    void write(std::string& out, int depth) const;

    Kind kind_ = Kind::Null;
    union {
        int64_t int_ = 0;
        double double_;
    };
    std::string text_;
    // An object's members in insertion order (sorted when written), or an
    // array's items (with empty keys).
    std::vector<std::pair<std::string, Json>> members_;
};

}  // namespace pgkeel::catalog
