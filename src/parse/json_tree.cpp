#include "parse/json_tree.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.hpp"
#include "parse/pg_tree.hpp"

namespace pgkeel::parse {
namespace {

// "tableElts", "table_elts" and "TableElts" all become "tableelts".
void normalize(std::string_view name, std::string& out) {
    out.clear();
    for (char c : name) {
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c != '_') {
            out += c;
        }
    }
}

// A message type with its fields by normalized name; a message field knows
// its own type's entry.
struct MessageInfo;
struct FieldInfo {
    const ProtobufCFieldDescriptor* field = nullptr;
    const MessageInfo* message = nullptr;  // for message fields
    std::string name;                      // normalized
};
struct MessageInfo {
    const ProtobufCMessageDescriptor* descriptor = nullptr;
    std::vector<FieldInfo> fields;  // in the descriptor's order, which is the JSON writer's
    // by normalized name, for messages with many fields (Node has one per node type)
    std::unordered_map<std::string, std::size_t> by_name;
    static constexpr std::size_t kHashFrom = 16;

    // The field whose normalized name is key's, or nullptr. The JSON writer
    // follows the descriptor's order, so the field after the last one found
    // (hint) is tried first; scratch holds the normalized key for a hash lookup.
    [[nodiscard]] const FieldInfo* find(std::string_view key, std::size_t& hint, std::string& scratch) const {
        const std::size_t n = fields.size();
        if (hint < n && same_normalized(key, fields[hint].name)) return &fields[hint++];
        if (n >= kHashFrom) {
            normalize(key, scratch);
            auto it = by_name.find(scratch);
            if (it == by_name.end()) return nullptr;
            hint = it->second + 1;
            return &fields[it->second];
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (same_normalized(key, fields[i].name)) {
                hint = i + 1;
                return &fields[i];
            }
        }
        return nullptr;
    }

private:
    static bool same_normalized(std::string_view key, std::string_view name) {
        std::size_t j = 0;
        for (char c : key) {
            if (c == '_') continue;
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (j == name.size() || name[j] != c) return false;
            ++j;
        }
        return j == name.size();
    }
};

// Every message reachable from ParseResult.
class FieldIndex {
public:
    FieldIndex() { add(&pg_query__parse_result__descriptor); }

    [[nodiscard]] const MessageInfo& root() const { return messages_.at(&pg_query__parse_result__descriptor); }

private:
    const MessageInfo* add(const ProtobufCMessageDescriptor* d) {
        if (auto it = messages_.find(d); it != messages_.end()) return &it->second;
        MessageInfo& info = messages_[d];  // node-based: the address stays
        info.descriptor = d;
        info.fields.reserve(d->n_fields);
        for (unsigned i = 0; i < d->n_fields; ++i) {
            FieldInfo& f = info.fields.emplace_back(FieldInfo{&d->fields[i], nullptr, {}});
            normalize(f.field->name, f.name);
            for (unsigned k = 0; k + 1 < info.fields.size(); ++k)
                if (info.fields[k].name == f.name)
                    throw_internal(std::string("two fields of ") + d->name + " match the JSON key " + f.name);
        }
        if (info.fields.size() >= MessageInfo::kHashFrom)
            for (std::size_t i = 0; i < info.fields.size(); ++i) info.by_name.emplace(info.fields[i].name, i);
        for (auto& field : info.fields) {
            if (field.field->type == PROTOBUF_C_TYPE_MESSAGE) {
                field.message = add(static_cast<const ProtobufCMessageDescriptor*>(field.field->descriptor));
            }
        }
        return &info;
    }

    std::unordered_map<const ProtobufCMessageDescriptor*, MessageInfo> messages_;
};

const FieldIndex& field_index() {
    static const FieldIndex index;
    return index;
}

void put_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Adds delta to every source location under msg (-1 means none and stays).
void shift_locations(ProtobufCMessage* msg, int32_t delta) {
    if (msg == nullptr) return;
    const ProtobufCMessageDescriptor* d = msg->descriptor;
    char* base = reinterpret_cast<char*>(msg);
    for (unsigned i = 0; i < d->n_fields; ++i) {
        const ProtobufCFieldDescriptor& f = d->fields[i];
        if (f.type == PROTOBUF_C_TYPE_INT32 && f.label != PROTOBUF_C_LABEL_REPEATED && std::strcmp(f.name, "location") == 0) {
            auto& location = *reinterpret_cast<int32_t*>(base + f.offset);
            if (location >= 0) location += delta;
        } else if (f.type == PROTOBUF_C_TYPE_MESSAGE && f.label == PROTOBUF_C_LABEL_REPEATED) {
            const std::size_t n = *reinterpret_cast<std::size_t*>(base + f.quantifier_offset);
            auto* items = *reinterpret_cast<ProtobufCMessage***>(base + f.offset);
            for (std::size_t k = 0; k < n; ++k) shift_locations(items[k], delta);
        } else if (f.type == PROTOBUF_C_TYPE_MESSAGE) {
            if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0 &&
                *reinterpret_cast<uint32_t*>(base + f.quantifier_offset) != f.id) {
                continue;
            }
            shift_locations(*reinterpret_cast<ProtobufCMessage**>(base + f.offset), delta);
        }
    }
}

class Reader {
public:
    Reader(std::string_view json, std::string_view sql, ProtobufCAllocator& allocator)
        : begin_(json.data()), p_(json.data()), end_(json.data() + json.size()), sql_(sql), allocator_(allocator) {}

    ProtobufCMessage* message(const MessageInfo& info) {
        const ProtobufCMessageDescriptor* d = info.descriptor;
        expect('{');
        auto* msg = static_cast<ProtobufCMessage*>(allocate(d->sizeof_message));
        d->message_init(msg);
        const std::size_t unknown_before = unknown_ints_.size();
        if (peek() == '}') {
            ++p_;
        } else {
            std::size_t hint = 0;
            for (;;) {
                std::string_view name = key();
                expect(':');
                const FieldInfo* f = info.find(name, hint, key_);
                if (f == nullptr) fail(std::string("a field of ") + d->name + ", not \"" + std::string(name) + '"');
                field(msg, *f);
                if (peek() != ',') break;
                ++p_;
            }
            expect('}');
        }
        recover_integers(msg, unknown_before);
        return msg;
    }

    // Statements whose tree has an Integer the JSON lost (see recover_integers).
    [[nodiscard]] const std::vector<std::size_t>& lossy_statements() const { return lossy_statements_; }

    void finish() {
        skip_space();
        if (p_ != end_) fail("the end of the output");
    }

private:
    // libpg_query 15-4.0's JSON writer leaves out the value of an Integer
    // node unless it is positive (fixed upstream in libpg_query PR #249), so an
    // empty Integer is 0 or negative. Recovered here where the tree says which:
    // - the Integer of an A_Const with a location: the constant's text is
    //   there ("0", or "-" and the digits: the grammar's doNegate points the
    //   location at the minus sign);
    // - an array bound of a TypeName: the grammar writes -1 for "[]" and only
    //   unsigned constants otherwise, so it is -1 unless the statement has a
    //   '[' followed by 0 (then it is left unknown);
    // any other empty Integer marks its statement, which is then parsed again
    // through the protobuf output.
    void recover_integers(ProtobufCMessage* msg, std::size_t unknown_before) {
        const ProtobufCMessageDescriptor* d = msg->descriptor;
        if (d == &pg_query__integer__descriptor) {
            if (reinterpret_cast<PgQuery__Integer*>(msg)->ival == 0) unknown_ints_.push_back(reinterpret_cast<PgQuery__Integer*>(msg));
        } else if (d == &pg_query__a__const__descriptor) {
            auto* c = reinterpret_cast<PgQuery__AConst*>(msg);
            if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL && unknown_ints_.size() == unknown_before + 1 &&
                unknown_ints_.back() == c->ival && constant_at(c->location, c->ival->ival)) {
                unknown_ints_.pop_back();
            }
        } else if (d == &pg_query__type_name__descriptor) {
            auto* t = reinterpret_cast<PgQuery__TypeName*>(msg);
            for (std::size_t i = 0; i < t->n_array_bounds; ++i) {
                PgQuery__Node* bound = t->array_bounds[i];
                if (bound->node_case != PG_QUERY__NODE__NODE_INTEGER) continue;
                auto it = std::find(unknown_ints_.begin() + static_cast<std::ptrdiff_t>(unknown_before),
                                    unknown_ints_.end(), bound->integer);
                if (it == unknown_ints_.end()) continue;
                bound->integer->ival = -1;
                unknown_ints_.erase(it);
                guessed_bounds_ = true;
            }
        } else if (d == &pg_query__raw_stmt__descriptor) {
            auto* raw = reinterpret_cast<PgQuery__RawStmt*>(msg);
            if (unknown_ints_.size() > unknown_before || (guessed_bounds_ && spells_zero_bound(*raw))) {
                lossy_statements_.push_back(statement_count_);
            }
            unknown_ints_.resize(unknown_before);
            guessed_bounds_ = false;
            ++statement_count_;
        }
    }

    // The integer constant at byte `location` of the SQL, when it is one.
    bool constant_at(int32_t location, int32_t& value) const {
        if (location < 0 || static_cast<std::size_t>(location) >= sql_.size()) return false;
        std::size_t i = static_cast<std::size_t>(location);
        const bool negative = sql_[i] == '-';
        if (negative) {
            ++i;
            while (i < sql_.size() && std::isspace(static_cast<unsigned char>(sql_[i])) != 0) ++i;
        }
        int64_t magnitude = 0;
        auto [ptr, ec] = std::from_chars(sql_.data() + i, sql_.data() + sql_.size(), magnitude);
        if (ec != std::errc() || ptr == sql_.data() + i || magnitude > int64_t{1} << 31) return false;
        if (ptr != sql_.data() + sql_.size() && (std::isalnum(static_cast<unsigned char>(*ptr)) != 0 || *ptr == '.' || *ptr == '_')) {
            return false;  // not a whole integer token
        }
        const int64_t v = negative ? -magnitude : magnitude;
        if (v > 0 || v < INT32_MIN) return false;
        value = static_cast<int32_t>(v);
        return true;
    }

    // Whether the statement's text has a '[' followed by a bound that may be 0
    // (anywhere, strings included: a false alarm only costs a second parse).
    bool spells_zero_bound(const PgQuery__RawStmt& raw) const {
        std::size_t from = std::min<std::size_t>(static_cast<std::size_t>(std::max(raw.stmt_location, 0)), sql_.size());
        std::size_t to = raw.stmt_len == 0 ? sql_.size() : std::min(sql_.size(), from + static_cast<std::size_t>(raw.stmt_len));
        for (std::size_t i = from; i < to; ++i) {
            if (sql_[i] != '[') continue;
            std::size_t k = i + 1;
            while (k < to && std::isspace(static_cast<unsigned char>(sql_[k])) != 0) ++k;
            // a bound of 0, or a comment that may hide one
            if (k < to && (sql_[k] == '0' || sql_[k] == '/' || sql_[k] == '-')) return true;
        }
        return false;
    }

    [[noreturn]] void fail(const std::string& expected) const {
        throw_internal("unexpected libpg_query JSON output at byte " + std::to_string(p_ - begin_) + ": expected " +
                       expected);
    }

    void skip_space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\t' || *p_ == '\r')) ++p_;
    }

    char peek() {
        skip_space();
        return p_ == end_ ? '\0' : *p_;
    }

    void expect(char c) {
        if (peek() != c) fail(std::string("'") + c + "'");
        ++p_;
    }

    void* allocate(std::size_t n) { return allocator_.alloc(allocator_.allocator_data, n); }

    // A key: field names never need escapes.
    std::string_view key() {
        expect('"');
        const char* start = p_;
        while (p_ != end_ && *p_ != '"' && *p_ != '\\') ++p_;
        if (p_ == end_ || *p_ != '"') fail("a field name");
        return {start, static_cast<std::size_t>(p_++ - start)};
    }

    uint32_t hex4() {
        if (end_ - p_ < 4) fail("four hex digits");
        uint32_t v = 0;
        auto [ptr, ec] = std::from_chars(p_, p_ + 4, v, 16);
        if (ec != std::errc() || ptr != p_ + 4) fail("four hex digits");
        p_ += 4;
        return v;
    }

    char* string() {
        expect('"');
        const char* start = p_;
        while (p_ != end_ && *p_ != '"' && *p_ != '\\') ++p_;
        if (p_ == end_) fail("the end of a string");
        if (*p_ == '"') return copy(start, static_cast<std::size_t>(p_++ - start));
        text_.assign(start, p_);
        while (p_ != end_ && *p_ != '"') {
            if (*p_ != '\\') {
                text_ += *p_++;
                continue;
            }
            if (++p_ == end_) fail("an escape");
            switch (*p_++) {
                case '"': text_ += '"'; break;
                case '\\': text_ += '\\'; break;
                case '/': text_ += '/'; break;
                case 'b': text_ += '\b'; break;
                case 'f': text_ += '\f'; break;
                case 'n': text_ += '\n'; break;
                case 'r': text_ += '\r'; break;
                case 't': text_ += '\t'; break;
                case 'u': {
                    uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
                        p_ += 2;
                        uint32_t low = hex4();
                        if (low < 0xDC00 || low >= 0xE000) fail("a low surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    put_utf8(text_, cp);
                    break;
                }
                default: fail("a JSON escape");
            }
        }
        if (p_ == end_) fail("the end of a string");
        ++p_;
        return copy(text_.data(), text_.size());
    }

    char* copy(const char* s, std::size_t n) {
        auto* out = static_cast<char*>(allocate(n + 1));
        std::memcpy(out, s, n);
        out[n] = '\0';
        return out;
    }

    template <class T>
    T number() {
        skip_space();
        T v{};
        auto [ptr, ec] = std::from_chars(p_, end_, v);
        if (ec != std::errc()) fail("a number");
        p_ = ptr;
        return v;
    }

    protobuf_c_boolean boolean() {
        skip_space();
        if (end_ - p_ >= 4 && std::memcmp(p_, "true", 4) == 0) {
            p_ += 4;
            return 1;
        }
        if (end_ - p_ >= 5 && std::memcmp(p_, "false", 5) == 0) {
            p_ += 5;
            return 0;
        }
        fail("true or false");
    }

    int enum_value(const ProtobufCEnumDescriptor* d) {
        expect('"');
        const char* start = p_;
        while (p_ != end_ && *p_ != '"') ++p_;
        if (p_ == end_) fail("an enum value name");
        text_.assign(start, p_++);
        const ProtobufCEnumValue* v = protobuf_c_enum_descriptor_get_value_by_name(d, text_.c_str());
        if (v == nullptr) fail(std::string("a value of ") + d->name + ", not " + text_);
        return v->value;
    }

    // One value of f's type, stored at dst.
    void value(const FieldInfo& info, void* dst) {
        const ProtobufCFieldDescriptor& f = *info.field;
        switch (f.type) {
            case PROTOBUF_C_TYPE_MESSAGE: *static_cast<ProtobufCMessage**>(dst) = message(*info.message); break;
            case PROTOBUF_C_TYPE_STRING: *static_cast<char**>(dst) = string(); break;
            case PROTOBUF_C_TYPE_BOOL: *static_cast<protobuf_c_boolean*>(dst) = boolean(); break;
            case PROTOBUF_C_TYPE_ENUM:
                *static_cast<int*>(dst) = enum_value(static_cast<const ProtobufCEnumDescriptor*>(f.descriptor));
                break;
            case PROTOBUF_C_TYPE_INT32:
            case PROTOBUF_C_TYPE_SINT32:
            case PROTOBUF_C_TYPE_SFIXED32: *static_cast<int32_t*>(dst) = number<int32_t>(); break;
            case PROTOBUF_C_TYPE_UINT32:
            case PROTOBUF_C_TYPE_FIXED32: *static_cast<uint32_t*>(dst) = number<uint32_t>(); break;
            case PROTOBUF_C_TYPE_INT64:
            case PROTOBUF_C_TYPE_SINT64:
            case PROTOBUF_C_TYPE_SFIXED64: *static_cast<int64_t*>(dst) = number<int64_t>(); break;
            case PROTOBUF_C_TYPE_UINT64:
            case PROTOBUF_C_TYPE_FIXED64: *static_cast<uint64_t*>(dst) = number<uint64_t>(); break;
            case PROTOBUF_C_TYPE_FLOAT: *static_cast<float*>(dst) = number<float>(); break;
            case PROTOBUF_C_TYPE_DOUBLE: *static_cast<double*>(dst) = number<double>(); break;
            default: fail(std::string("no value for field ") + f.name + " of an unsupported type");
        }
    }

    void field(ProtobufCMessage* msg, const FieldInfo& info) {
        const ProtobufCFieldDescriptor& f = *info.field;
        char* base = reinterpret_cast<char*>(msg);
        if (f.label == PROTOBUF_C_LABEL_REPEATED) {
            repeated(info, *reinterpret_cast<std::size_t*>(base + f.quantifier_offset),
                     *reinterpret_cast<void**>(base + f.offset));
            return;
        }
        if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0) {
            *reinterpret_cast<uint32_t*>(base + f.quantifier_offset) = f.id;
        } else if (f.label == PROTOBUF_C_LABEL_OPTIONAL && f.quantifier_offset != 0 &&
                   f.type != PROTOBUF_C_TYPE_MESSAGE && f.type != PROTOBUF_C_TYPE_STRING) {
            *reinterpret_cast<protobuf_c_boolean*>(base + f.quantifier_offset) = 1;
        }
        value(info, base + f.offset);
    }

    // An array: its values are gathered on scratch_ (nested arrays push and
    // pop above them), then copied to one allocation.
    void repeated(const FieldInfo& info, std::size_t& count, void*& items) {
        expect('[');
        const std::size_t size = value_size(*info.field);
        const std::size_t start = scratch_.size();
        if (peek() != ']') {
            for (;;) {
                alignas(8) unsigned char one[sizeof(ProtobufCBinaryData)];
                value(info, one);
                scratch_.insert(scratch_.end(), one, one + size);
                if (peek() == ',') {
                    ++p_;
                    continue;
                }
                break;
            }
        }
        expect(']');
        const std::size_t bytes = scratch_.size() - start;
        count = bytes / size;
        items = nullptr;
        if (count > 0) {
            items = allocate(bytes);
            std::memcpy(items, scratch_.data() + start, bytes);
        }
        scratch_.resize(start);
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    std::string_view sql_;
    ProtobufCAllocator& allocator_;
    std::vector<PgQuery__Integer*> unknown_ints_;  // empty Integers not yet recovered
    bool guessed_bounds_ = false;                  // an array bound of this statement was taken as -1
    std::size_t statement_count_ = 0;
    std::vector<std::size_t> lossy_statements_;
    std::string key_;  // a normalized field name
    std::string text_;
    std::vector<unsigned char> scratch_;
};

}  // namespace

PgQuery__ParseResult* read_json_parse_result(std::string_view json, std::string_view sql,
                                             ProtobufCAllocator& allocator) {
    Reader reader(json, sql, allocator);
    auto* result = reinterpret_cast<PgQuery__ParseResult*>(reader.message(field_index().root()));
    reader.finish();
    for (std::size_t i : reader.lossy_statements()) {
        // Parsed alone, then its node locations are made offsets into the whole text again.
        PgQuery__RawStmt* raw = result->stmts[i];
        const auto from = static_cast<std::size_t>(raw->stmt_location);
        const std::size_t len = raw->stmt_len == 0 ? sql.size() - from : static_cast<std::size_t>(raw->stmt_len);
        const std::string alone(sql.substr(from, len));
        PgQueryProtobufParseResult pb = pg_query_parse_protobuf(alone.c_str());
        PgQuery__ParseResult* again =
            pb.error == nullptr ? pg_query__parse_result__unpack(&allocator, pb.parse_tree.len,
                                                                 reinterpret_cast<const uint8_t*>(pb.parse_tree.data))
                                : nullptr;
        pg_query_free_protobuf_parse_result(pb);
        if (again == nullptr || again->n_stmts != 1) throw_internal("a statement does not parse again on its own");
        raw->stmt = again->stmts[0]->stmt;
        shift_locations(&raw->stmt->base, static_cast<int32_t>(from));
    }
    return result;
}

}  // namespace pgkeel::parse
