#pragma once
// A streaming JSON writer for the canonical serialization. It writes exactly
// what nlohmann::json's dump(2) writes for the same document (keys sorted
// bytewise, two-space indent, the same string escapes and number formats),
// without building a tree: values go straight into the output text.
//
// Members may be written in any order. An object whose keys arrive sorted is
// left as written (a string comparison per key); otherwise its members' text is
// put in key order when the object ends. A key written twice keeps its last
// value, as nlohmann's operator[] would. Writing keys in sorted order is thus
// only a matter of speed, never of correctness.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pgkeel::catalog {

class JsonWriter {
public:
    void begin_object();
    void end_object();
    void begin_array();
    void end_array();

    // The next value is the member named k of the object being written.
    JsonWriter& key(std::string_view k);

    void null();
    void value(std::string_view s);
    void value(const char* s) { value(std::string_view(s)); }
    void value(const std::string& s) { value(std::string_view(s)); }
    void value(bool b);
    void value(int64_t v);
    void value(int v) { value(static_cast<int64_t>(v)); }
    void value(double v);
    void value(const std::vector<std::string>& items);                // an array of strings
    void value(const std::map<std::string, std::string>& members);    // an object of strings

    // The document written so far (complete once every container is ended).
    [[nodiscard]] const std::string& text() const { return out_; }
    [[nodiscard]] std::string take() { return std::move(out_); }

private:
    struct Member {
        std::string key;
        std::size_t begin = 0;  // where its text starts (after the separator)
        std::size_t end = 0;    // where it ends (set when the next one starts or the object ends)
    };
    struct Frame {
        bool object = false;
        bool sorted = true;            // keys so far strictly increasing
        std::size_t count = 0;         // values written
        std::size_t first_member = 0;  // index in members_ of this object's first member
    };
    void separator();  // before a value: comma, new line, indent, and the key if any
    void begin(bool object, char open);
    void sort_members(const Frame& f);

    std::string out_;
    std::vector<Frame> frames_;
    std::vector<Member> members_;  // the members of every open object, innermost last
    std::string pending_key_;
    bool has_key_ = false;
    std::string scratch_;
};

}  // namespace pgkeel::catalog
