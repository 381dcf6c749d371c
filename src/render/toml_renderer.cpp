// The TOML renderer: the model as the TOML schema format, readable first
// (columns one per line, like CREATE TABLE; multi-line queries and bodies in
// ''' strings), and exact: the loader reads it back into the same model.
#include "render/toml_renderer.hpp"

#include <algorithm>
#include <set>

#include "common/quote.hpp"
#include "common/text.hpp"
#include "render/sql_renderer.hpp"

namespace pgkeel::render {

using namespace catalog;

namespace {

// ---------------------------------------------------------------- a TOML value tree

struct TV;
struct Field;
using Fields = std::vector<Field>;

struct TV {
    enum Kind { Str, Int, Float, Bool, Arr, Tab } kind = Tab;
    std::string s;
    int64_t i = 0;
    double f = 0;
    bool b = false;
    std::vector<TV> arr;
    Fields tab;
};

struct Field {
    std::string first;
    TV second;
    Field(std::string k, TV v) : first(std::move(k)), second(std::move(v)) {}
};

TV str(std::string s) {
    TV v;
    v.kind = TV::Str;
    v.s = std::move(s);
    return v;
}
TV integer(int64_t i) {
    TV v;
    v.kind = TV::Int;
    v.i = i;
    return v;
}
TV number(double f) {
    TV v;
    v.kind = TV::Float;
    v.f = f;
    return v;
}
TV boolean(bool b) {
    TV v;
    v.kind = TV::Bool;
    v.b = b;
    return v;
}
TV strings(const std::vector<std::string>& xs) {
    TV v;
    v.kind = TV::Arr;
    for (const auto& x : xs) v.arr.push_back(str(x));
    return v;
}
TV array(std::vector<TV> xs) {
    TV v;
    v.kind = TV::Arr;
    v.arr = std::move(xs);
    return v;
}
TV table(Fields f) {
    TV v;
    v.kind = TV::Tab;
    v.tab = std::move(f);
    return v;
}

// Builds a table field by field, leaving defaults out.
struct Builder {
    Fields f;
    void put(const std::string& k, TV v) { f.emplace_back(k, std::move(v)); }
    void text(const std::string& k, const std::string& v) {
        if (!v.empty()) put(k, str(v));
    }
    void opt(const std::string& k, const std::optional<std::string>& v) {
        if (v) put(k, str(*v));
    }
    void flag(const std::string& k, bool v) {
        if (v) put(k, boolean(true));
    }
    void list(const std::string& k, const std::vector<std::string>& v) {
        if (!v.empty()) put(k, strings(v));
    }
    void tables(const std::string& k, std::vector<TV> v) {
        if (!v.empty()) put(k, array(std::move(v)));
    }
    TV done() { return table(std::move(f)); }
};

bool bare_key(const std::string& k) {
    return !k.empty() && std::all_of(k.begin(), k.end(), [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; });
}

std::string basic_string(const std::string& s, bool multiline) {
    std::string out;
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += multiline ? "\n" : "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04X", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out;
}

// "text" (built by appending: GCC 12 warns falsely about "x" + std::string&&).
std::string quoted(const std::string& s, bool multiline) {
    std::string out = multiline ? "\"\"\"\n" : "\"";
    out += basic_string(s, multiline);
    out += multiline ? "\"\"\"" : "\"";
    return out;
}

std::string toml_string(const std::string& s) {
    if (s.find('\n') == std::string::npos) return quoted(s, false);
    bool literal_ok = s.find("'''") == std::string::npos && (s.empty() || s.back() != '\'');
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) literal_ok = false;
    if (literal_ok) return "'''\n" + s + "'''";
    return quoted(s, true);
}

// Keys are always single-line strings (TOML forbids multi-line keys).
std::string key_text(const std::string& k) { return bare_key(k) ? k : quoted(k, false); }

std::string fmt_double(double v) {
    if (v == static_cast<double>(static_cast<int64_t>(v))) return std::to_string(static_cast<int64_t>(v)) + ".0";
    std::string s = std::to_string(v);
    while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
    return s;
}

// Appends v's inline form to out; stops early, returning false, once out is
// longer than limit (fits() needs no more than that).
bool inline_into(const TV& v, std::string& out, std::size_t limit) {
    switch (v.kind) {
        case TV::Str: out += toml_string(v.s); break;
        case TV::Int: out += std::to_string(v.i); break;
        case TV::Float: out += fmt_double(v.f); break;
        case TV::Bool: out += v.b ? "true" : "false"; break;
        case TV::Arr: {
            out += '[';
            for (std::size_t i = 0; i < v.arr.size(); ++i) {
                if (i > 0) out += ", ";
                if (!inline_into(v.arr[i], out, limit)) return false;
            }
            out += ']';
            break;
        }
        case TV::Tab: {
            if (v.tab.empty()) {
                out += "{}";
                break;
            }
            out += "{ ";
            bool first = true;
            for (const auto& [k, x] : v.tab) {
                if (!first) out += ", ";
                first = false;
                out += key_text(k);
                out += " = ";
                if (!inline_into(x, out, limit)) return false;
            }
            out += " }";
            break;
        }
    }
    return out.size() <= limit;
}

std::string inline_text(const TV& v) {
    std::string out;
    inline_into(v, out, std::string::npos);
    return out;
}

// Whether v can stand on one line: at most 110 characters, no line break.
bool fits(const TV& v) {
    constexpr std::size_t kWidth = 110;
    std::string t;
    return inline_into(v, t, kWidth) && t.find('\n') == std::string::npos;
}

bool array_of_tables(const TV& v) {
    return v.kind == TV::Arr && !v.arr.empty() &&
           std::all_of(v.arr.begin(), v.arr.end(), [](const TV& x) { return x.kind == TV::Tab; });
}

void print_table(std::string& out, const std::string& path, const Fields& t, bool array_elem, bool force_header) {
    std::vector<std::pair<std::string, const TV*>> sections;     // [path.k]
    std::vector<std::pair<std::string, const TV*>> arr_sections;  // [[path.k]]
    std::string body;
    for (const auto& [k, v] : t) {
        if (v.kind == TV::Tab && (!fits(v) || path.find('.') == std::string::npos)) {
            sections.emplace_back(k, &v);
        } else if (array_of_tables(v)) {
            bool all_fit = std::all_of(v.arr.begin(), v.arr.end(), fits);
            if (!all_fit) {
                arr_sections.emplace_back(k, &v);
                continue;
            }
            body += key_text(k) + " = [\n";
            for (const auto& x : v.arr) body += "    " + inline_text(x) + ",\n";
            body += "]\n";
        } else {
            body += key_text(k) + " = " + inline_text(v) + "\n";
        }
    }
    if (!path.empty() && (array_elem || force_header || !body.empty() || (sections.empty() && arr_sections.empty()))) {
        if (!out.empty()) out += "\n";
        out += (array_elem ? "[[" : "[") + path + (array_elem ? "]]\n" : "]\n");
    } else if (!body.empty() && !out.empty()) {
        out += "\n";
    }
    out += body;
    for (const auto& [k, v] : sections) print_table(out, path.empty() ? key_text(k) : path + "." + key_text(k), v->tab, false, false);
    for (const auto& [k, v] : arr_sections)
        for (const auto& x : v->arr) print_table(out, path + "." + key_text(k), x.tab, true, false);
}

// ---------------------------------------------------------------- the model as values

std::string ref(const QualifiedName& q, const std::string& from_schema) {
    return q.schema == from_schema ? quote_ident(q.name) : quote_qualified(q.schema, q.name);
}

std::vector<TV> acl_items(const std::vector<AclItem>& items, const char* role_key) {
    // one entry per (grantee, grant option), privileges in model order
    std::vector<std::pair<std::pair<std::string, bool>, std::vector<std::string>>> groups;
    for (const auto& a : items) {
        auto key = std::pair{a.grantee, a.grantable};
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
        if (it == groups.end()) groups.push_back({key, {a.privilege}});
        else it->second.push_back(a.privilege);
    }
    std::vector<TV> out;
    for (const auto& [key, privs] : groups) {
        Builder b;
        b.put(role_key, str(key.first));
        b.list("privileges", privs);
        b.flag("grant_option", key.second);
        out.push_back(b.done());
    }
    return out;
}

void put_acl(Builder& b, const Acl& acl) {
    b.tables("grants", acl_items(acl.grants, "to"));
    b.tables("revokes", acl_items(acl.revokes, "from"));
}

void put_common(Builder& b, const ObjectCommon& c) {
    b.opt("comment", c.comment);
    b.text("owner", c.owner);
    put_acl(b, c.acl);
}

// Storage parameters "name=value" as a table of typed values.
TV options_table(const std::vector<std::string>& opts) {
    Builder b;
    for (const auto& o : opts) {
        auto eq = o.find('=');
        std::string k = o.substr(0, eq), v = eq == std::string::npos ? "true" : o.substr(eq + 1);
        bool digits = !v.empty() && v.size() < 18 &&
                      std::all_of(v.begin() + (v[0] == '-' ? 1 : 0), v.end(), [](unsigned char c) { return std::isdigit(c); }) &&
                      v != "-";
        if (digits) b.put(k, integer(std::stoll(v)));
        else if (v == "true" || v == "false") b.put(k, boolean(v == "true"));
        else b.put(k, str(v));
    }
    return b.done();
}

std::vector<std::string> split_options(const std::string& s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        auto comma = s.find(", ", pos);
        out.push_back(s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        if (comma == std::string::npos) break;
        pos = comma + 2;
    }
    return out;
}

std::string lower_action(FkAction a) {
    std::string s = fk_action_sql(a);
    for (auto& c : s) c = c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Parameters that differ from PostgreSQL's defaults for the type and direction.
TV sequence_params(Builder b, const SequenceOptions& o) {
    SequenceOptions d;
    d.data_type = o.data_type;
    d.increment = o.increment;
    fill_sequence_defaults(d);
    if (o.increment && *o.increment != 1) b.put("increment", integer(*o.increment));
    if (o.min_value != d.min_value) b.put("min_value", integer(*o.min_value));
    if (o.max_value != d.max_value) b.put("max_value", integer(*o.max_value));
    if (o.start != d.start) b.put("start", integer(*o.start));
    if (o.cache && *o.cache != 1) b.put("cache", integer(*o.cache));
    b.flag("cycle", o.cycle);
    return b.done();
}

TV column(const Column& c) {
    Builder b;
    b.put("name", str(c.name));
    b.put("type", str(c.type));
    b.text("collation", c.collation);
    b.opt("default", c.default_expr);
    b.flag("not_null", c.not_null);
    if (c.identity != Identity::None) {
        b.put("identity", str(c.identity == Identity::Always ? "always" : "by_default"));
        Builder s;
        s.text("name", c.identity_sequence);
        TV seq = sequence_params(std::move(s), c.identity_options);
        Builder s2;
        s2.f = std::move(seq.tab);
        put_acl(s2, c.identity_acl);
        if (!s2.f.empty()) b.put("identity_sequence", s2.done());
    }
    b.opt("generated", c.generated);
    b.opt("comment", c.comment);
    put_acl(b, c.acl);
    b.text("renamed_from", c.renamed_from);
    if (c.backfill) {
        if (c.backfill->batch_size) {
            Builder bf;
            bf.put("expr", str(c.backfill->expr));
            bf.put("batch_size", integer(*c.backfill->batch_size));
            b.put("backfill", bf.done());
        } else {
            b.put("backfill", str(c.backfill->expr));
        }
    }
    return b.done();
}

TV constraint(const Table& t, const Constraint& k) {
    Builder b;
    b.put("name", str(k.name));
    switch (k.type) {
        case ConstraintType::PrimaryKey:
        case ConstraintType::Unique:
            b.list("columns", k.columns);
            b.list("include", k.include);
            b.flag("nulls_not_distinct", k.nulls_not_distinct);
            if (!k.index_options.empty()) b.put("options", options_table(split_options(k.index_options)));
            break;
        case ConstraintType::ForeignKey:
            b.list("columns", k.columns);
            b.put("references", str(ref(k.ref_table, t.qname.schema)));
            b.list("referenced_columns", k.ref_columns);
            if (k.match == FkMatch::Full) b.put("match", str("full"));
            if (k.on_delete != FkAction::NoAction) b.put("on_delete", str(lower_action(k.on_delete)));
            b.list("on_delete_set_columns", k.on_delete_columns);
            if (k.on_update != FkAction::NoAction) b.put("on_update", str(lower_action(k.on_update)));
            break;
        case ConstraintType::Check:
            b.put("expr", str(k.expr));
            b.flag("no_inherit", k.no_inherit);
            break;
        case ConstraintType::Exclude: {
            if (k.using_method != "gist") b.put("using", str(k.using_method));
            std::vector<TV> els;
            for (const auto& x : k.exclude) {
                Builder e;
                e.put("key", str(index_element(x.element)));
                e.put("with", str(x.op));
                els.push_back(e.done());
            }
            b.tables("elements", std::move(els));
            b.list("include", k.include);
            if (!k.index_options.empty()) b.put("options", options_table(split_options(k.index_options)));
            b.text("where", k.where);
            break;
        }
    }
    b.flag("deferrable", k.deferrable);
    b.flag("initially_deferred", k.initially_deferred);
    b.flag("not_valid", k.not_valid);
    b.opt("comment", k.comment);
    b.text("renamed_from", k.renamed_from);
    return b.done();
}

TV index(const Index& i) {
    Builder b;
    b.put("name", str(i.qname.name));
    std::vector<std::string> keys;
    for (const auto& e : i.elements) keys.push_back(index_element(e));
    b.list("keys", keys);
    b.flag("unique", i.unique);
    b.flag("nulls_not_distinct", i.nulls_not_distinct);
    if (i.method != "btree") b.put("using", str(i.method));
    b.list("include", i.include);
    b.text("where", i.where);
    if (!i.options.empty()) b.put("options", options_table(i.options));
    b.opt("comment", i.comment);
    b.text("renamed_from", i.renamed_from);
    return b.done();
}

TV trigger(const QualifiedName& on, const Trigger& t) {
    static const char* timing[] = {"before", "after", "instead_of"};
    static const char* enabled[] = {"origin", "disabled", "replica", "always"};
    Builder b;
    b.put("name", str(t.name));
    b.put("timing", str(timing[static_cast<int>(t.timing)]));
    std::vector<std::string> events;
    if (t.on_insert) events.emplace_back("insert");
    if (t.on_update) events.emplace_back("update");
    if (t.on_delete) events.emplace_back("delete");
    if (t.on_truncate) events.emplace_back("truncate");
    b.list("events", events);
    b.list("update_of", t.update_columns);
    if (t.for_each_row) b.put("for_each", str("row"));
    b.text("when", t.when);
    b.put("function", str(ref(t.function, on.schema)));
    b.list("args", t.args);
    if (t.enabled != TriggerEnabled::Origin) b.put("enabled", str(enabled[static_cast<int>(t.enabled)]));
    b.flag("constraint", t.constraint);
    b.flag("deferrable", t.deferrable);
    b.flag("initially_deferred", t.initially_deferred);
    b.text("old_table", t.old_table);
    b.text("new_table", t.new_table);
    b.opt("comment", t.comment);
    return b.done();
}

TV policy(const Policy& p) {
    Builder b;
    b.put("name", str(p.name));
    if (p.command != "ALL") {
        std::string c = p.command;
        for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        b.put("command", str(c));
    }
    b.flag("restrictive", !p.permissive);
    b.list("roles", p.roles);
    b.text("using", p.using_expr);
    b.text("check", p.check_expr);
    b.opt("comment", p.comment);
    return b.done();
}

// One document under construction: objects by kind, keyed uniquely.
class Doc {
public:
    explicit Doc(std::string schema) : schema_(std::move(schema)) {}

    // Adds an object; `name` and `schema` fields are added when they differ from key / file schema.
    void add(const std::string& kind, const std::string& schema, const std::string& name, TV obj,
             const std::string& overload = {}) {
        // schemas and extensions have global names; other keys stay unique within the document
        bool global = kind == "schemas" || kind == "extensions";
        std::string want = name;
        if (!global && schema != schema_) want = schema + "." + name;
        if (!overload.empty()) want += "(" + overload + ")";
        std::string base = want;
        for (int n = 2; used_[kind].contains(want); ++n) want = base + "_" + std::to_string(n);
        used_[kind].insert(want);
        Fields head;
        if (want != name) head.emplace_back("name", str(name));
        if (kind != "schemas" && schema != schema_) head.emplace_back("schema", str(schema));
        for (auto& f : obj.tab) head.push_back(std::move(f));
        kinds_[kind].emplace_back(want, table(std::move(head)));
    }

    [[nodiscard]] bool empty() const { return kinds_.empty(); }

    std::string text(const std::string& header) const {
        std::string out = header;
        if (schema_ != "public") out += "schema = " + toml_string(schema_) + "\n";
        static const char* order[] = {"schemas", "extensions", "enums",  "domains", "types",     "sequences",
                                      "functions", "procedures", "tables", "views",  "materialized_views"};
        for (const char* kind : order) {
            auto it = kinds_.find(kind);
            if (it == kinds_.end()) continue;
            for (const auto& [key, obj] : it->second) {
                std::string section;
                print_table(section, std::string(kind) + "." + key_text(key), obj.tab, false, true);
                out += "\n" + section;
            }
        }
        return out;
    }

private:
    std::string schema_;
    std::map<std::string, std::vector<std::pair<std::string, TV>>> kinds_;
    std::map<std::string, std::set<std::string>> used_;
};

// Indexes by the relation they are on (one pass over the catalog, not one per table).
using IndexesOf = std::map<QualifiedName, std::vector<const Index*>>;

IndexesOf indexes_by_relation(const Catalog& cat) {
    IndexesOf out;
    for (const auto& [q, i] : cat.indexes) out[i.table].push_back(&i);
    return out;
}

std::vector<TV> index_values(const IndexesOf& indexes, const QualifiedName& rel) {
    std::vector<TV> out;
    if (auto it = indexes.find(rel); it != indexes.end())
        for (const Index* i : it->second) out.push_back(index(*i));
    return out;
}

TV table_value(const IndexesOf& indexes, const Table& t) {
    Builder b;
    b.opt("comment", t.common.comment);
    b.text("owner", t.common.owner);
    b.flag("unlogged", t.unlogged);
    b.text("partition_by", t.partition_by);
    if (t.partition_of) {
        b.put("partition_of", str(ref(*t.partition_of, t.qname.schema)));
        b.put("partition_bound", str(t.partition_bound));
    }
    if (!t.options.empty()) b.put("options", options_table(t.options));
    b.flag("row_level_security", t.rls_enabled);
    b.flag("force_row_level_security", t.rls_forced);
    put_acl(b, t.common.acl);
    b.text("renamed_from", t.renamed_from);
    std::vector<TV> cols;
    for (const auto& c : t.columns) cols.push_back(column(c));
    b.tables("columns", std::move(cols));
    std::vector<TV> unique, fks, checks, excl;
    for (const auto& [name, k] : t.constraints) {
        switch (k.type) {
            case ConstraintType::PrimaryKey: b.put("primary_key", constraint(t, k)); break;
            case ConstraintType::Unique: unique.push_back(constraint(t, k)); break;
            case ConstraintType::ForeignKey: fks.push_back(constraint(t, k)); break;
            case ConstraintType::Check: checks.push_back(constraint(t, k)); break;
            case ConstraintType::Exclude: excl.push_back(constraint(t, k)); break;
        }
    }
    b.tables("unique", std::move(unique));
    b.tables("foreign_keys", std::move(fks));
    b.tables("checks", std::move(checks));
    b.tables("exclusions", std::move(excl));
    b.tables("indexes", index_values(indexes, t.qname));
    std::vector<TV> trg, pol, bfs;
    for (const auto& [_, tr] : t.triggers) trg.push_back(trigger(t.qname, tr));
    for (const auto& [_, p] : t.policies) pol.push_back(policy(p));
    for (const auto& bf : t.backfills) {
        Builder x;
        x.put("name", str(bf.name));
        x.put("set", str(bf.set));
        x.text("where", bf.where);
        if (bf.batch_size) x.put("batch_size", integer(*bf.batch_size));
        bfs.push_back(x.done());
    }
    b.tables("triggers", std::move(trg));
    b.tables("policies", std::move(pol));
    b.tables("backfills", std::move(bfs));
    return b.done();
}

TV view_value(const IndexesOf& indexes, const View& v) {
    Builder b;
    b.put("query", str(v.query + "\n"));
    b.list("columns", v.column_names);
    if (!v.options.empty()) {
        if (v.materialized) {
            b.put("options", options_table(v.options));
        } else {
            Builder o;
            for (const auto& opt : v.options) {
                auto eq = opt.find('=');
                std::string k = opt.substr(0, eq), val = opt.substr(eq + 1);
                if (k == "check_option") o.put(k, str(val));
                else o.put(k, boolean(val == "true"));
            }
            b.put("options", o.done());
        }
    }
    if (!v.column_comments.empty()) {
        Builder cc;
        for (const auto& [col, text] : v.column_comments) cc.put(col, str(text));
        b.put("column_comments", cc.done());
    }
    put_common(b, v.common);
    b.text("renamed_from", v.renamed_from);
    if (v.materialized) {
        b.tables("indexes", index_values(indexes, v.qname));
    } else {
        std::vector<TV> trg;
        for (const auto& [_, tr] : v.triggers) trg.push_back(trigger(v.qname, tr));
        b.tables("triggers", std::move(trg));
    }
    return b.done();
}

TV routine_value(const Routine& r) {
    RoutineArguments ra = routine_arguments(r);
    Builder b;
    b.text("args", ra.args);
    if (!r.procedure) {
        if (!ra.table_columns.empty()) b.put("returns", str("TABLE(" + ra.table_columns + ")"));
        else b.put("returns", str(std::string(r.returns_set ? "SETOF " : "") + r.returns));
    }
    b.put("language", str(r.language));
    if (!r.procedure) {
        std::string vol = r.volatility, par = r.parallel;
        for (auto& c : vol) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (auto& c : par) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (vol != "volatile") b.put("volatility", str(vol));
        b.flag("strict", r.strict);
        b.flag("leakproof", r.leakproof);
        if (par != "unsafe") b.put("parallel", str(par));
        if (r.cost) b.put("cost", number(*r.cost));
        if (r.rows) b.put("rows", number(*r.rows));
    }
    b.flag("security_definer", r.security_definer);
    if (!r.config.empty()) {
        Builder c;
        for (const auto& set : r.config) {
            std::size_t to = set.find(" TO ");
            std::size_t eq = set.find(" = ");
            std::size_t cut = std::min(to, eq);
            if (cut == std::string::npos) continue;
            c.put(set.substr(0, cut), str(set.substr(cut + (cut == to ? 4 : 3))));
        }
        b.put("config", c.done());
    }
    b.put(r.sql_body ? "sql_body" : "body", str(r.body));
    put_common(b, r.common);
    return b.done();
}

std::string file_name(const std::string& name) {
    std::string out;
    for (unsigned char c : name) out += std::isalnum(c) || c == '_' || c == '-' || c >= 0x80 ? static_cast<char>(c) : '_';
    return out.empty() || out[0] == '.' ? "_" + out : out;
}

// Fills docs: `doc_for(schema, table-or-empty)` names the document an object goes to.
template <class DocFor>
void fill(const Catalog& cat, DocFor doc_for) {
    for (const auto& [name, s] : cat.schemas) {
        Builder b;
        put_common(b, s.common);
        b.text("renamed_from", s.renamed_from);
        doc_for(name, "").add("schemas", name, name, b.done());
    }
    for (const auto& [name, e] : cat.extensions) {
        Builder b;
        b.text("version", e.version);
        b.opt("comment", e.comment);
        doc_for(e.schema, "").add("extensions", e.schema, name, b.done());
    }
    for (const auto& [q, e] : cat.enums) {
        Builder b;
        b.put("labels", strings(e.labels));
        put_common(b, e.common);
        b.text("renamed_from", e.renamed_from);
        doc_for(q.schema, "").add("enums", q.schema, q.name, b.done());
    }
    for (const auto& [q, d] : cat.domains) {
        Builder b;
        b.put("type", str(d.base_type));
        b.text("collation", d.collation);
        b.opt("default", d.default_expr);
        b.flag("not_null", d.not_null);
        std::vector<TV> checks;
        for (const auto& c : d.checks) {
            Builder k;
            k.put("name", str(c.name));
            k.put("expr", str(c.expr));
            k.flag("not_valid", c.not_valid);
            k.opt("comment", c.comment);
            checks.push_back(k.done());
        }
        b.tables("checks", std::move(checks));
        put_common(b, d.common);
        b.text("renamed_from", d.renamed_from);
        doc_for(q.schema, "").add("domains", q.schema, q.name, b.done());
    }
    for (const auto& [q, c] : cat.composites) {
        Builder b;
        std::vector<TV> attrs;
        for (const auto& a : c.attributes) {
            Builder x;
            x.put("name", str(a.name));
            x.put("type", str(a.type));
            x.text("collation", a.collation);
            attrs.push_back(x.done());
        }
        b.put("attributes", array(std::move(attrs)));
        put_common(b, c.common);
        b.text("renamed_from", c.renamed_from);
        doc_for(q.schema, "").add("types", q.schema, q.name, b.done());
    }
    for (const auto& [q, s] : cat.sequences) {
        Builder b;
        if (s.options.data_type != "bigint") b.put("type", str(s.options.data_type));
        TV params = sequence_params(std::move(b), s.options);
        Builder b2;
        b2.f = std::move(params.tab);
        b2.flag("unlogged", s.unlogged);
        if (s.owned_by_table)
            b2.put("owned_by", str(ref(*s.owned_by_table, q.schema) + "." + quote_ident(s.owned_by_column)));
        put_common(b2, s.common);
        b2.text("renamed_from", s.renamed_from);
        doc_for(q.schema, "").add("sequences", q.schema, q.name, b2.done());
    }
    std::map<QualifiedName, int> overloads;
    for (const auto& [k, r] : cat.routines) ++overloads[k.qname];
    for (const auto& [k, r] : cat.routines)
        doc_for(k.qname.schema, "").add(r.procedure ? "procedures" : "functions", k.qname.schema, k.qname.name, routine_value(r),
                                        overloads[k.qname] > 1 ? k.args : std::string());
    IndexesOf indexes = indexes_by_relation(cat);
    for (const auto& [q, t] : cat.tables) doc_for(q.schema, q.name).add("tables", q.schema, q.name, table_value(indexes, t));
    for (const auto& [q, v] : cat.views)
        doc_for(q.schema, "").add(v.materialized ? "materialized_views" : "views", q.schema, q.name, view_value(indexes, v));
}

const char* kHeader = "# Written by pgkeel inspect --format toml. Format: docs/schema-format.md\n";

}  // namespace

std::string render_toml(const Catalog& cat) {
    Doc doc("public");
    fill(cat, [&](const std::string&, const std::string&) -> Doc& { return doc; });
    return doc.text(kHeader);
}

std::map<std::string, std::string> render_toml_files(const Catalog& cat, TomlSplit split) {
    std::map<std::string, Doc> docs;
    std::map<std::string, std::string> paths;  // doc key -> unique file path
    std::set<std::string> used_paths;
    auto doc_for = [&](const std::string& schema, const std::string& table) -> Doc& {
        std::string key = split == TomlSplit::Table && !table.empty() ? schema + "\x1f" + table : schema;
        auto it = docs.find(key);
        if (it != docs.end()) return it->second;
        std::string path = table.empty() || split == TomlSplit::Schema ? file_name(schema) + ".toml"
                                                                      : file_name(schema) + "/" + file_name(table) + ".toml";
        std::string base = path.substr(0, path.size() - 5);
        for (int n = 2; used_paths.contains(path); ++n) path = base + "_" + std::to_string(n) + ".toml";
        used_paths.insert(path);
        paths[key] = path;
        return docs.emplace(key, Doc(schema)).first->second;
    };
    fill(cat, doc_for);
    std::map<std::string, std::string> out;
    for (const auto& [key, doc] : docs) out[paths[key]] = doc.text(kHeader);
    return out;
}

}  // namespace pgkeel::render
