// The TOML loader: reads every file, writes each declared object as SQL DDL
// (with a source map back to the TOML text) and feeds it to the DdlBuilder, in
// dependency order across all files. Declared renames and backfills, which no
// DDL expresses, are set on the model afterwards.
#include "load/toml_loader.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "common/quote.hpp"
#include "common/text.hpp"
#include "load/ddl_builder.hpp"
#include "load/toml_fragments.hpp"
#include "load/toml_reader.hpp"
#include "parse/names.hpp"
#include "parse/pg_tree.hpp"
#include "parse/script.hpp"

namespace pgkeel::load {

using namespace catalog;

namespace {

const std::vector<std::string> kTopLevel = {"schema",      "schemas", "extensions", "enums",
                                            "domains",     "types",   "sequences",  "tables",
                                            "views",       "materialized_views", "functions", "procedures"};

const std::vector<std::string> kPrivileges = {"SELECT",     "INSERT",  "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
                                              "TRIGGER",    "USAGE",   "CREATE", "EXECUTE", "TEMPORARY", "CONNECT",
                                              "ALL"};

struct Grant {
    std::vector<std::string> roles;       // SQL (quoted, or PUBLIC)
    std::vector<std::string> privileges;  // upper case
    bool grant_option = false;
};

// Fields every object shares.
struct Common {
    std::optional<Text> comment;
    std::optional<Text> owner;
    std::vector<Grant> grants;
    std::vector<Grant> revokes;
    std::optional<Text> renamed_from;
};

// One object's entry: its TOML table, file, key, and where it lives.
struct Entry {
    const TomlFile* file;
    const toml::table* table;
    std::string key;
    std::string file_schema;
    toml::source_position key_pos;
};

// Every check runs (each reports its own error); true when all passed.
bool all(std::initializer_list<bool> checks) {
    return std::all_of(checks.begin(), checks.end(), [](bool b) { return b; });
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Parses every file into docs (an empty table for a file that is not TOML,
// with its error in d); returns which parsed. The files are independent, so
// a folder of several files and more than 256 KiB is parsed on two threads
// (parse::parse_threads(): PGKEEL_PARSE_THREADS=1 keeps it to one).
std::vector<bool> parse_files(const std::vector<TomlFile>& files, std::vector<toml::table>& docs, Diagnostics& d) {
    docs.assign(files.size(), toml::table{});
    std::vector<std::optional<std::pair<SourceLocation, std::string>>> errors(files.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next++) < files.size();) {
            const TomlFile& f = files[i];
            try {
                docs[i] = toml::parse(std::string_view(f.text()), std::string_view(f.path()));
            } catch (const toml::parse_error& e) {
                const auto& b = e.source().begin;
                errors[i].emplace(f.locate(f.offset_of(static_cast<int>(b.line), static_cast<int>(b.column))),
                                  "TOML syntax error: " + std::string(e.description()));
            }
        }
    };
    std::size_t bytes = 0;
    for (const auto& f : files) bytes += f.text().size();
    std::future<void> helper;
    if (files.size() > 1 && bytes > 256 * 1024 && parse::parse_threads() > 1) helper = std::async(std::launch::async, work);
    work();
    if (helper.valid()) helper.get();
    std::vector<bool> ok(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        ok[i] = !errors[i];
        if (errors[i]) d.error(errors[i]->first, errors[i]->second);
    }
    return ok;
}

class TomlLoader {
public:
    TomlLoader(std::vector<TomlFile>& files, Diagnostics& d, Catalog& cat) : files_(files), d_(d), cat_(cat), b_(cat) {}

    void run();

private:
    std::vector<TomlFile>& files_;
    Diagnostics& d_;
    Catalog& cat_;
    DdlBuilder b_;
    std::vector<toml::table> docs_;
    std::map<std::string, std::vector<Entry>> entries_;  // per top-level key, in file order
    std::set<std::string> declared_schemas_ = {"public", "pg_catalog"};
    std::vector<std::function<void()>> directives_;  // applied after the builder finished
    std::map<std::string, SourceLocation> rename_at_;  // rename_key() -> where renamed_from is written
    std::vector<std::function<void()>> deferred_;    // statements that need every object (OWNED BY)
    std::vector<std::function<void()>> members_;     // indexes, triggers, policies: after every relation

    // --- reading helpers
    Common common(Obj& o, bool renames = true);
    std::vector<Grant> grants(Obj& o, const char* key, const char* role_key);
    std::string schema_of(Obj& o, const Entry& e);
    std::string name_of(Obj& o, const Entry& e);
    std::optional<QualifiedName> reference(Obj& o, const char* key, const std::string& default_schema, bool required);
    std::string collation_sql(const Text& t);
    std::string options_sql(Obj& o, const char* key);
    bool frag(Frag kind, const std::optional<Text>& t, const char* key) {
        return !t || check_fragment(kind, *t, key, d_);
    }

    // --- writing helpers
    void emit(const SqlOut& out);
    void emit_common(SqlOut& out, const Common& c, const std::string& comment_on, const std::string& owner_of,
                     const std::string& grant_on);
    void emit_grants(SqlOut& out, const std::vector<Grant>& gs, bool revoke, const std::string& on,
                     const std::string& columns = {});
    void emit_comment(SqlOut& out, const std::string& on, const std::optional<Text>& comment);

    // --- object kinds
    void schemas(const Entry& e);
    void extensions(const Entry& e);
    void enums(const Entry& e);
    void domains(const Entry& e);
    void types(const Entry& e);
    void sequences(const Entry& e);
    void routines(const Entry& e, bool procedure);
    void tables(const Entry& e);
    void views(const Entry& e, bool materialized);
    void column(Obj& t, const toml::table& ct, const QualifiedName& q, SqlOut& out, SqlOut& after,
                std::set<std::string>& names);
    void constraint(Obj& k, ConstraintType type, const QualifiedName& q, SqlOut& out, SqlOut& after, bool separate_stmt);
    void index(const toml::table& it, Obj& parent, const QualifiedName& q);
    void trigger(const toml::table& tt, Obj& parent, const QualifiedName& q, bool view);
    void policy(const toml::table& pt, Obj& parent, const QualifiedName& q);
    void table_backfill(const toml::table& bt, Obj& parent, const QualifiedName& q);
    void rename_check();
    static std::string rename_key(const std::string& kind, const std::string& schema, const std::string& name,
                                  const std::string& member) {
        return kind + '\x1f' + schema + '\x1f' + name + '\x1f' + member;
    }
    void note_rename(const std::string& kind, const std::string& schema, const std::string& name, const std::string& member,
                     const Text& from) {
        rename_at_[rename_key(kind, schema, name, member)] = from.where();
    }
    SourceLocation rename_at(const std::string& kind, const std::string& schema, const std::string& name,
                             const std::string& member = {}) const {
        auto it = rename_at_.find(rename_key(kind, schema, name, member));
        return it == rename_at_.end() ? SourceLocation{} : it->second;
    }
};

// ---------------------------------------------------------------- reading

std::vector<Grant> TomlLoader::grants(Obj& o, const char* key, const char* role_key) {
    std::vector<Grant> out;
    for (const toml::table* gt : o.tables(key)) {
        Obj g(*gt, o.file(), std::string(key == std::string("grants") ? "a grant" : "a revoke") + " of " + o.what(), d_);
        Grant grant;
        const toml::node* roles = g.node(role_key);
        std::vector<Text> role_texts;
        if (roles == nullptr) {
            g.missing(role_key);
        } else if (roles->is_string()) {
            role_texts.push_back(g.text_of(*roles));
        } else {
            role_texts = g.text_list(role_key, true);
        }
        for (const auto& r : role_texts) {
            if (r.value.empty()) g.error(r.where(), "role name is empty");
            grant.roles.push_back(lower(r.value) == "public" ? std::string("PUBLIC") : quote_ident(r.value));
        }
        for (const auto& p : g.text_list("privileges", true)) {
            std::string up = parse::upper(p.value);
            if (up == "ALL PRIVILEGES") up = "ALL";
            if (up == "TEMP") up = "TEMPORARY";
            if (std::find(kPrivileges.begin(), kPrivileges.end(), up) == kPrivileges.end()) {
                std::string msg = "unknown privilege \"" + p.value + "\"";
                std::string near = nearest(up, kPrivileges);
                if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
                g.error(p.where(), msg);
                continue;
            }
            grant.privileges.push_back(up);
        }
        grant.grant_option = g.flag("grant_option");
        g.finish();
        if (!grant.roles.empty() && !grant.privileges.empty()) out.push_back(std::move(grant));
    }
    return out;
}

Common TomlLoader::common(Obj& o, bool renames) {
    Common c;
    c.comment = o.text("comment");
    c.owner = o.text("owner");
    if (c.owner && c.owner->value.empty()) o.error(c.owner->where(), "`owner` is empty");
    c.grants = grants(o, "grants", "to");
    c.revokes = grants(o, "revokes", "from");
    if (renames) {
        c.renamed_from = o.text("renamed_from");
        if (c.renamed_from && c.renamed_from->value.empty()) {
            o.error(c.renamed_from->where(), "`renamed_from` is empty");
            c.renamed_from.reset();
        }
    }
    return c;
}

std::string TomlLoader::schema_of(Obj& o, const Entry& e) {
    auto s = o.text("schema");
    if (s && s->value.empty()) o.error(s->where(), "`schema` is empty");
    return s && !s->value.empty() ? s->value : e.file_schema;
}

std::string TomlLoader::name_of(Obj& o, const Entry& e) {
    auto n = o.text("name");
    if (n && n->value.empty()) o.error(n->where(), "`name` is empty");
    return n && !n->value.empty() ? n->value : e.key;
}

std::optional<QualifiedName> TomlLoader::reference(Obj& o, const char* key, const std::string& default_schema,
                                                   bool required) {
    auto t = o.text(key, required);
    if (!t) return std::nullopt;
    auto parts = parse_reference(*t, key, 1, 2, d_);
    if (parts.empty()) return std::nullopt;
    return parts.size() == 1 ? QualifiedName{default_schema, parts[0]} : QualifiedName{parts[0], parts[1]};
}

std::string TomlLoader::collation_sql(const Text& t) {
    auto dot = t.value.find('.');
    if (dot != std::string::npos && declared_schemas_.contains(t.value.substr(0, dot)))
        return quote_qualified(t.value.substr(0, dot), t.value.substr(dot + 1));
    return quote_ident(t.value);
}

std::string TomlLoader::options_sql(Obj& o, const char* key) {
    const toml::table* opts = o.table(key);
    if (opts == nullptr) return {};
    std::vector<std::string> items;
    for (const auto& [k, v] : *opts) {
        std::string name(k.str());
        bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
            return std::islower(c) || std::isdigit(c) || c == '_' || c == '.';
        });
        if (!ok) {
            o.error(o.loc(v), "`" + std::string(key) + "`: option name \"" + name + "\" must be lower-case letters, digits, _ and .");
            continue;
        }
        std::string value;
        if (v.is_string()) value = quote_literal(v.as_string()->get());
        else if (v.is_integer()) value = std::to_string(v.as_integer()->get());
        else if (v.is_floating_point()) value = quote_literal(std::to_string(v.as_floating_point()->get()));
        else if (v.is_boolean()) value = v.as_boolean()->get() ? "true" : "false";
        else {
            o.error(o.loc(v), "`" + std::string(key) + "." + name + "` expects a string, number or boolean, found " + toml_type_name(v));
            continue;
        }
        items.push_back(name + " = " + value);
    }
    return items.empty() ? std::string() : " WITH (" + join(items, ", ") + ")";
}

// ---------------------------------------------------------------- writing

void TomlLoader::emit(const SqlOut& out) {
    if (out.empty()) return;
    try {
        b_.apply_mapped(out.sql(), [&out](std::size_t off) { return out.locate(off); });
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Input) throw;
        d_.error(e.where(), e.message());
    }
}

void TomlLoader::emit_comment(SqlOut& out, const std::string& on, const std::optional<Text>& comment) {
    if (!comment) return;
    out << "COMMENT ON " << on << " IS " << quote_literal(comment->value);
    out.end();
}

void TomlLoader::emit_grants(SqlOut& out, const std::vector<Grant>& gs, bool revoke, const std::string& on,
                             const std::string& columns) {
    for (const auto& g : gs) {
        std::vector<std::string> privs;
        for (const auto& p : g.privileges) privs.push_back(columns.empty() ? p : p + " (" + columns + ")");
        if (revoke) {
            out << "REVOKE " << (g.grant_option ? "GRANT OPTION FOR " : "") << join(privs, ", ") << " ON " << on << " FROM "
                << join(g.roles, ", ");
        } else {
            out << "GRANT " << join(privs, ", ") << " ON " << on << " TO " << join(g.roles, ", ")
                << (g.grant_option ? " WITH GRANT OPTION" : "");
        }
        out.end();
    }
}

void TomlLoader::emit_common(SqlOut& out, const Common& c, const std::string& comment_on, const std::string& owner_of,
                             const std::string& grant_on) {
    emit_comment(out, comment_on, c.comment);
    if (c.owner && !c.owner->value.empty()) {
        out << "ALTER " << owner_of << " OWNER TO " << quote_ident(c.owner->value);
        out.end();
    }
    // revokes first: "revoke ALL from PUBLIC, grant EXECUTE to app" reads as written
    emit_grants(out, c.revokes, true, grant_on);
    emit_grants(out, c.grants, false, grant_on);
}

// ---------------------------------------------------------------- kinds

void TomlLoader::schemas(const Entry& e) {
    Obj o(*e.table, *e.file, "schema " + e.key, d_);
    std::string name = name_of(o, e);
    Common c = common(o);
    o.finish();
    SqlOut out(o.place());
    std::string q = quote_ident(name);
    out << "CREATE SCHEMA " << q;
    out.end();
    emit_common(out, c, "SCHEMA " + q, "SCHEMA " + q, "SCHEMA " + q);
    emit(out);
    if (c.renamed_from) note_rename("schema", "", name, "", *c.renamed_from);
    if (c.renamed_from) directives_.push_back([this, name, from = c.renamed_from->value] {
        if (auto it = cat_.schemas.find(name); it != cat_.schemas.end()) it->second.renamed_from = from;
    });
}

void TomlLoader::extensions(const Entry& e) {
    Obj o(*e.table, *e.file, "extension " + e.key, d_);
    std::string name = name_of(o, e);
    std::string schema = schema_of(o, e);
    auto version = o.text("version");
    auto comment = o.text("comment");
    o.finish();
    SqlOut out(o.place());
    out << "CREATE EXTENSION " << quote_ident(name) << " WITH SCHEMA " << quote_ident(schema);
    if (version) out << " VERSION " << quote_literal(version->value);
    out.end();
    emit_comment(out, "EXTENSION " + quote_ident(name), comment);
    emit(out);
}

void TomlLoader::enums(const Entry& e) {
    Obj o(*e.table, *e.file, "enum " + e.key, d_);
    QualifiedName q{schema_of(o, e), name_of(o, e)};
    auto labels = o.text_list("labels", true, true);
    Common c = common(o);
    o.finish();
    SqlOut out(o.place());
    std::string qs = quote_qualified(q.schema, q.name);
    std::vector<std::string> ls;
    for (const auto& l : labels) ls.push_back(quote_literal(l.value));
    out << "CREATE TYPE " << qs << " AS ENUM (" << join(ls, ", ") << ")";
    out.end();
    emit_common(out, c, "TYPE " + qs, "TYPE " + qs, "TYPE " + qs);
    emit(out);
    if (c.renamed_from) note_rename("type", q.schema, q.name, "", *c.renamed_from);
    if (c.renamed_from) directives_.push_back([this, q, from = c.renamed_from->value] {
        if (auto it = cat_.enums.find(q); it != cat_.enums.end()) it->second.renamed_from = from;
    });
}

void TomlLoader::domains(const Entry& e) {
    Obj o(*e.table, *e.file, "domain " + e.key, d_);
    QualifiedName q{schema_of(o, e), name_of(o, e)};
    auto type = o.text("type", true);
    auto collation = o.text("collation");
    auto dflt = o.text("default");
    bool not_null = o.flag("not_null");
    auto checks = o.tables("checks");
    Common c = common(o);
    bool ok = all({frag(Frag::Type, type, "type"), frag(Frag::Expr, dflt, "default")});
    std::string qs = quote_qualified(q.schema, q.name);
    SqlOut out(o.place());
    SqlOut after(o.place());
    if (type) {
        out << "CREATE DOMAIN " << qs << " AS ";
        out.frag(*type);
    }
    if (collation) out << " COLLATE " << collation_sql(*collation);
    if (dflt) {
        out << " DEFAULT (";
        out.frag(*dflt);
        out << ")";
    }
    if (not_null) out << " NOT NULL";
    for (const toml::table* ct : checks) {
        Obj k(*ct, o.file(), "a check of " + o.what(), d_);
        auto name = k.text("name");
        auto expr = k.text("expr", true);
        bool not_valid = k.flag("not_valid");
        auto comment = k.text("comment");
        k.finish();
        ok &= frag(Frag::Expr, expr, "expr");
        if (!expr) continue;
        if (comment && !name) k.error(comment->where(), "a domain check with a `comment` needs a `name`");
        SqlOut& target = not_valid ? after : out;
        target.at(k.place());
        if (not_valid) target << "ALTER DOMAIN " << qs << " ADD";
        if (name) target << " CONSTRAINT " << quote_ident(name->value);
        target << " CHECK (";
        target.frag(*expr);
        target << ")";
        if (not_valid) {
            target << " NOT VALID";
            target.end();
        }
        if (name) emit_comment(after, "CONSTRAINT " + quote_ident(name->value) + " ON DOMAIN " + qs, comment);
    }
    o.finish();
    if (!ok || !type) return;
    out.end();
    emit_common(after, c, "DOMAIN " + qs, "DOMAIN " + qs, "DOMAIN " + qs);
    emit(out);
    emit(after);
    if (c.renamed_from) note_rename("domain", q.schema, q.name, "", *c.renamed_from);
    if (c.renamed_from) directives_.push_back([this, q, from = c.renamed_from->value] {
        if (auto it = cat_.domains.find(q); it != cat_.domains.end()) it->second.renamed_from = from;
    });
}

void TomlLoader::types(const Entry& e) {
    Obj o(*e.table, *e.file, "composite type " + e.key, d_);
    QualifiedName q{schema_of(o, e), name_of(o, e)};
    auto attrs = o.tables("attributes");
    if (!o.has("attributes")) o.missing("attributes");
    Common c = common(o);
    o.finish();
    std::string qs = quote_qualified(q.schema, q.name);
    SqlOut out(o.place());
    out << "CREATE TYPE " << qs << " AS (";
    bool ok = true;
    bool first = true;
    for (const toml::table* at : attrs) {
        Obj a(*at, o.file(), "an attribute of " + o.what(), d_);
        auto name = a.text("name", true);
        auto type = a.text("type", true);
        auto collation = a.text("collation");
        a.finish();
        ok &= frag(Frag::Type, type, "type");
        if (!name || !type) {
            ok = false;
            continue;
        }
        out.at(a.place());
        out << (first ? "" : ", ") << quote_ident(name->value) << " ";
        out.frag(*type);
        if (collation) out << " COLLATE " << collation_sql(*collation);
        first = false;
    }
    out << ")";
    out.end();
    if (!ok) return;
    emit_common(out, c, "TYPE " + qs, "TYPE " + qs, "TYPE " + qs);
    emit(out);
    if (c.renamed_from) note_rename("type", q.schema, q.name, "", *c.renamed_from);
    if (c.renamed_from) directives_.push_back([this, q, from = c.renamed_from->value] {
        if (auto it = cat_.composites.find(q); it != cat_.composites.end()) it->second.renamed_from = from;
    });
}

namespace {
// Sequence parameters shared by sequences and identity columns.
std::string sequence_params(Obj& o, bool with_type) {
    std::string s;
    if (with_type) {
        if (auto t = o.choice("type", {"smallint", "integer", "bigint"})) s += " AS " + *t;
    }
    if (auto v = o.integer("increment")) s += " INCREMENT BY " + std::to_string(*v);
    if (auto v = o.integer("min_value")) s += " MINVALUE " + std::to_string(*v);
    if (auto v = o.integer("max_value")) s += " MAXVALUE " + std::to_string(*v);
    if (auto v = o.integer("start")) s += " START WITH " + std::to_string(*v);
    if (auto v = o.integer("cache", 1)) s += " CACHE " + std::to_string(*v);
    if (o.flag("cycle")) s += " CYCLE";
    return s;
}
}  // namespace

void TomlLoader::sequences(const Entry& e) {
    Obj o(*e.table, *e.file, "sequence " + e.key, d_);
    QualifiedName q{schema_of(o, e), name_of(o, e)};
    std::string params = sequence_params(o, true);
    bool unlogged = o.flag("unlogged");
    auto owned_by = o.text("owned_by");
    Common c = common(o);
    o.finish();
    std::string qs = quote_qualified(q.schema, q.name);
    SqlOut out(o.place());
    out << "CREATE " << (unlogged ? "UNLOGGED " : "") << "SEQUENCE " << qs << params;
    out.end();
    emit_common(out, c, "SEQUENCE " + qs, "SEQUENCE " + qs, "SEQUENCE " + qs);
    emit(out);
    if (owned_by) {
        auto parts = parse_reference(*owned_by, "owned_by", 2, 3, d_);
        if (!parts.empty()) {
            std::string target = parts.size() == 2 ? quote_qualified(q.schema, parts[0]) + "." + quote_ident(parts[1])
                                                   : quote_qualified(parts[0], parts[1]) + "." + quote_ident(parts[2]);
            deferred_.push_back([this, qs, target, where = owned_by->place()] {
                SqlOut o2(where);
                o2 << "ALTER SEQUENCE " << qs << " OWNED BY " << target;
                o2.end();
                emit(o2);
            });
        }
    }
    if (c.renamed_from) note_rename("sequence", q.schema, q.name, "", *c.renamed_from);
    if (c.renamed_from) directives_.push_back([this, q, from = c.renamed_from->value] {
        if (auto it = cat_.sequences.find(q); it != cat_.sequences.end()) it->second.renamed_from = from;
    });
}

void TomlLoader::routines(const Entry& e, bool procedure) {
    Obj o(*e.table, *e.file, std::string(procedure ? "procedure " : "function ") + e.key, d_);
    QualifiedName q{schema_of(o, e), name_of(o, e)};
    auto args = o.text("args");
    std::optional<Text> returns;
    if (!procedure) returns = o.text("returns");
    auto language = o.text("language", true);
    std::optional<std::string> volatility, parallel;
    bool strict = false, leakproof = false;
    std::optional<double> cost, rows;
    if (!procedure) {
        volatility = o.choice("volatility", {"immutable", "stable", "volatile"});
        strict = o.flag("strict");
        leakproof = o.flag("leakproof");
        parallel = o.choice("parallel", {"safe", "restricted", "unsafe"});
        cost = o.number("cost");
        rows = o.number("rows");
    }
    bool definer = o.flag("security_definer");
    const toml::table* config = o.table("config");
    auto body = o.text("body");
    auto sql_body = o.text("sql_body");
    Common c = common(o, false);
    o.finish();
    bool ok = all({frag(Frag::Args, args, "args"), frag(Frag::Returns, returns, "returns"),
                   frag(Frag::SqlBody, sql_body, "sql_body")});
    if (body && sql_body) {
        o.error(sql_body->where(), o.what() + " has both `body` and `sql_body`; give one");
        ok = false;
    } else if (!body && !sql_body) {
        o.error(o.where(), o.what() + " is missing `body` (or `sql_body`)");
        ok = false;
    }
    std::string qs = quote_qualified(q.schema, q.name);
    SqlOut out(o.place());
    out << "CREATE " << (procedure ? "PROCEDURE " : "FUNCTION ") << qs << "(";
    if (args) out.frag(*args);
    out << ")";
    if (returns) {
        out << " RETURNS ";
        out.frag(*returns);
    }
    if (language) out << " LANGUAGE " << quote_ident(language->value);
    if (volatility) out << " " << parse::upper(*volatility);
    if (strict) out << " STRICT";
    if (definer) out << " SECURITY DEFINER";
    if (leakproof) out << " LEAKPROOF";
    if (parallel) out << " PARALLEL " << parse::upper(*parallel);
    if (cost) out << " COST " << std::to_string(*cost);
    if (rows) out << " ROWS " << std::to_string(*rows);
    if (config != nullptr) {
        for (const auto& [k, v] : *config) {
            std::string name(k.str());
            if (!v.is_string()) {
                o.error(o.loc(v), "`config." + name + "` expects a string (the value as in SQL), found " + toml_type_name(v));
                ok = false;
                continue;
            }
            Text value = o.text_of(v);
            ok &= check_fragment(Frag::ConfigValue, value, "config." + name, d_);
            out << " SET " << quote_ident(lower(name)) << " = ";
            out.frag(value);
        }
    }
    if (body) out << " AS " << quote_dollar(body->value);
    if (sql_body) {
        out << " ";
        out.frag(*sql_body);
    }
    out.end();
    if (!ok || !language) return;
    std::size_t before = b_.routines_in_order().size();
    emit(out);
    if (b_.routines_in_order().size() == before) return;  // failed
    std::string sig = qs + "(" + b_.routines_in_order().back().args + ")";
    std::string kind = procedure ? "PROCEDURE " : "FUNCTION ";
    SqlOut extra(o.place());
    emit_common(extra, c, kind + sig, kind + sig, kind + sig);
    emit(extra);
}

void TomlLoader::column(Obj& t, const toml::table& ct, const QualifiedName& q, SqlOut& out, SqlOut& after,
                        std::set<std::string>& names) {
    std::string label = "a column of " + t.what();
    if (const toml::node* n = ct.get("name"); n != nullptr && n->is_string())
        label = "column `" + n->as_string()->get() + "` of " + t.what();
    Obj o(ct, t.file(), label, d_);
    auto name = o.text("name", true);
    auto type = o.text("type", true);
    auto collation = o.text("collation");
    auto dflt = o.text("default");
    bool not_null = o.flag("not_null");
    auto identity = o.choice("identity", {"always", "by_default"});
    const toml::table* idseq = o.table("identity_sequence");
    auto generated = o.text("generated");
    Common c = common(o);
    const toml::node* backfill = o.node("backfill");
    o.finish();
    frag(Frag::Type, type, "type");
    frag(Frag::Expr, dflt, "default");
    frag(Frag::Expr, generated, "generated");
    if (!name || !type) return;
    if (name->value.empty()) o.error(name->where(), "column name is empty");
    if (!names.insert(name->value).second) o.error(name->where(), "column `" + name->value + "` is defined twice in " + t.what());
    if (c.owner) o.error(c.owner->where(), "columns have no owner of their own; set `owner` on the table");
    std::string col = quote_ident(name->value);
    out.at(o.place());
    out << (names.size() == 1 ? "\n  " : ",\n  ");
    out.at(name->place());
    out << col << " ";
    out.frag(*type);
    out.at(o.place());
    if (collation) out << " COLLATE " << collation_sql(*collation);
    if (generated) {
        out << " GENERATED ALWAYS AS (";
        out.frag(*generated);
        out << ") STORED";
    }
    std::vector<Grant> seq_grants, seq_revokes;
    std::string seq_name;
    if (identity) {
        out << " GENERATED " << (*identity == "always" ? "ALWAYS" : "BY DEFAULT") << " AS IDENTITY";
        if (idseq != nullptr) {
            Obj s(*idseq, t.file(), "the identity sequence of " + o.what(), d_);
            auto sn = s.text("name");
            std::string params = sequence_params(s, false);
            seq_grants = grants(s, "grants", "to");
            seq_revokes = grants(s, "revokes", "from");
            s.finish();
            if (sn) {
                params = " SEQUENCE NAME " + quote_qualified(q.schema, sn->value) + params;
                seq_name = sn->value;
            }
            if (!params.empty()) out << " (" << params.substr(1) << ")";
        }
    } else if (idseq != nullptr) {
        o.error(o.loc("identity_sequence"), "`identity_sequence` needs `identity` (\"always\" or \"by_default\")");
    }
    if (dflt) {
        out << " DEFAULT (";
        out.frag(*dflt);
        out << ")";
    }
    if (not_null) out << " NOT NULL";
    if (c.comment || !c.revokes.empty() || !c.grants.empty()) {
        std::string tq = quote_qualified(q.schema, q.name);
        emit_comment(after, "COLUMN " + tq + "." + col, c.comment);
        emit_grants(after, c.revokes, true, "TABLE " + tq, col);
        emit_grants(after, c.grants, false, "TABLE " + tq, col);
    }
    if (!seq_grants.empty() || !seq_revokes.empty()) {
        std::string sname = seq_name;
        // PostgreSQL's default name for the identity sequence
        if (sname.empty()) {
            Table tmp;
            tmp.qname = q;
            Column cc;
            cc.name = name->value;
            cc.identity = Identity::Always;
            sname = tmp.identity_sequence_name(cc);
        }
        emit_grants(after, seq_revokes, true, "SEQUENCE " + quote_qualified(q.schema, sname));
        emit_grants(after, seq_grants, false, "SEQUENCE " + quote_qualified(q.schema, sname));
    }
    std::optional<ColumnBackfill> bf;
    if (backfill != nullptr) {
        std::optional<Text> expr;
        std::optional<int64_t> batch;
        if (backfill->is_string()) {
            expr = o.text_of(*backfill);
        } else if (backfill->is_table()) {
            Obj b(*backfill->as_table(), t.file(), "the backfill of " + o.what(), d_);
            expr = b.text("expr", true);
            batch = b.integer("batch_size", 1);
            b.finish();
        } else {
            o.wrong_type("backfill", *backfill, "a string (an SQL expression) or a table { expr, batch_size }");
        }
        if (expr && check_fragment(Frag::Expr, *expr, "backfill", d_)) {
            if (generated) o.error(expr->where(), "a generated column cannot be backfilled; it computes its own value");
            bf = ColumnBackfill{parse::canonical_expr(expr->value), batch};
        }
    }
    if (c.renamed_from) note_rename("column", q.schema, q.name, name->value, *c.renamed_from);
    if (c.renamed_from || bf) {
        directives_.push_back([this, q, cname = name->value, from = c.renamed_from ? c.renamed_from->value : "", bf] {
            auto it = cat_.tables.find(q);
            if (it == cat_.tables.end()) return;
            if (Column* col = it->second.find_column(cname)) {
                col->renamed_from = from;
                col->backfill = bf;
            }
        });
    }
}

void TomlLoader::constraint(Obj& k, ConstraintType type, const QualifiedName& q, SqlOut& out, SqlOut& after,
                            bool separate_stmt) {
    auto name = k.text("name");
    auto comment = k.text("comment");
    auto renamed = k.text("renamed_from");
    bool deferrable = false, deferred = false, nnd = false, no_inherit = false, not_valid = false;
    if (type != ConstraintType::Check) {
        deferrable = k.flag("deferrable");
        deferred = k.flag("initially_deferred");
    }
    std::vector<Text> columns, include, ref_cols, set_cols;
    if (type != ConstraintType::Check && type != ConstraintType::Exclude) columns = k.text_list("columns", true);
    if (type != ConstraintType::Check && type != ConstraintType::ForeignKey) include = k.text_list("include");
    if (type == ConstraintType::ForeignKey || type == ConstraintType::Check) not_valid = k.flag("not_valid");
    if (type == ConstraintType::Unique) nnd = k.flag("nulls_not_distinct");
    std::string opts;
    if (type != ConstraintType::Check && type != ConstraintType::ForeignKey) opts = options_sql(k, "options");
    // foreign key
    std::optional<QualifiedName> ref;
    std::optional<std::string> match, on_delete, on_update;
    // check / exclusion
    std::optional<Text> expr, method, where;
    struct Element {
        Text key, op;
    };
    std::vector<Element> elements;
    bool ok = true;
    if (type == ConstraintType::ForeignKey) {
        ref = reference(k, "references", q.schema, true);
        ref_cols = k.text_list("referenced_columns");
        match = k.choice("match", {"simple", "full"});
        const std::vector<std::string> actions = {"no_action", "restrict", "cascade", "set_null", "set_default"};
        on_delete = k.choice("on_delete", actions);
        on_update = k.choice("on_update", actions);
        set_cols = k.text_list("on_delete_set_columns");
        if (!set_cols.empty() && (!on_delete || (*on_delete != "set_null" && *on_delete != "set_default"))) {
            k.error(k.loc("on_delete_set_columns"), "`on_delete_set_columns` needs `on_delete` = \"set_null\" or \"set_default\"");
            ok = false;
        }
        ok &= ref.has_value();
    } else if (type == ConstraintType::Check) {
        expr = k.text("expr", true);
        no_inherit = k.flag("no_inherit");
        ok = expr && check_fragment(Frag::Expr, *expr, "expr", d_);
    } else if (type == ConstraintType::Exclude) {
        method = k.text("using");
        if (!k.has("elements")) k.missing("elements");
        for (const toml::table* et : k.tables("elements")) {
            Obj el(*et, k.file(), "an element of " + k.what(), d_);
            auto key = el.text("key", true);
            auto op = el.text("with", true);
            el.finish();
            if (key && op && check_fragment(Frag::IndexKey, *key, "key", d_) && check_fragment(Frag::Operator, *op, "with", d_))
                elements.push_back({*key, *op});
            else
                ok = false;
        }
        if (elements.empty() && k.has("elements") && ok) k.error(k.loc("elements"), "`elements` must not be empty");
        ok &= !elements.empty();
        where = k.text("where");
        ok &= !where || check_fragment(Frag::Expr, *where, "where", d_);
    }
    k.finish();
    if ((comment || renamed) && !name) {
        k.error(k.where(), std::string("a constraint with `") + (comment ? "comment" : "renamed_from") + "` needs a `name`");
        ok = false;
    }
    if (!ok) return;
    auto col_list = [](const std::vector<Text>& ts) {
        std::vector<std::string> names;
        for (const auto& t : ts) names.push_back(quote_ident(t.value));
        return join(names, ", ");
    };
    std::string tq = quote_qualified(q.schema, q.name);
    // NOT VALID only holds when added to an existing table, as pg_dump writes it;
    // a partition's own constraints are added the same way.
    bool separate = not_valid || separate_stmt;
    SqlOut& o = separate ? after : out;
    o.at(k.place());
    o << (separate ? "ALTER TABLE " + tq + " ADD " : std::string(",\n  "));
    if (name) o << "CONSTRAINT " << quote_ident(name->value) << " ";
    switch (type) {
        case ConstraintType::PrimaryKey:
        case ConstraintType::Unique:
            o << (type == ConstraintType::PrimaryKey ? "PRIMARY KEY" : "UNIQUE") << (nnd ? " NULLS NOT DISTINCT" : "") << " ("
              << col_list(columns) << ")";
            if (!include.empty()) o << " INCLUDE (" << col_list(include) << ")";
            o << opts;
            break;
        case ConstraintType::ForeignKey: {
            auto action = [](std::string a) {
                a = parse::upper(a);
                std::replace(a.begin(), a.end(), '_', ' ');
                return a;
            };
            o << "FOREIGN KEY (" << col_list(columns) << ") REFERENCES " << quote_qualified(ref->schema, ref->name);
            if (!ref_cols.empty()) o << " (" << col_list(ref_cols) << ")";
            if (match && *match == "full") o << " MATCH FULL";
            if (on_delete) o << " ON DELETE " << action(*on_delete);
            if (!set_cols.empty()) o << " (" << col_list(set_cols) << ")";
            if (on_update) o << " ON UPDATE " << action(*on_update);
            break;
        }
        case ConstraintType::Check:
            o << "CHECK (";
            o.frag(*expr);
            o << ")" << (no_inherit ? " NO INHERIT" : "");
            break;
        case ConstraintType::Exclude: {
            o << "EXCLUDE USING " << quote_ident(method ? method->value : "gist") << " (";
            for (std::size_t i = 0; i < elements.size(); ++i) {
                o << (i == 0 ? "" : ", ");
                o.frag(elements[i].key);
                o << " WITH ";
                o.frag(elements[i].op);
            }
            o << ")";
            if (!include.empty()) o << " INCLUDE (" << col_list(include) << ")";
            o << opts;
            if (where) {
                o << " WHERE (";
                o.frag(*where);
                o << ")";
            }
            break;
        }
    }
    if (deferrable) o << " DEFERRABLE";
    if (deferred) o << " INITIALLY DEFERRED";
    if (not_valid) o << " NOT VALID";
    if (separate) o.end();
    if (name) emit_comment(after, "CONSTRAINT " + quote_ident(name->value) + " ON " + tq, comment);
    if (renamed) {
        note_rename("constraint", q.schema, q.name, name->value, *renamed);
        directives_.push_back([this, q, cname = name->value, from = renamed->value] {
            auto it = cat_.tables.find(q);
            if (it == cat_.tables.end()) return;
            if (auto kt = it->second.constraints.find(cname); kt != it->second.constraints.end()) kt->second.renamed_from = from;
        });
    }
}

void TomlLoader::index(const toml::table& it, Obj& parent, const QualifiedName& q) {
    Obj o(it, parent.file(), "an index of " + parent.what(), d_);
    auto name = o.text("name");
    auto keys = o.text_list("keys", true);
    bool unique = o.flag("unique");
    bool nnd = o.flag("nulls_not_distinct");
    auto method = o.text("using");
    auto include = o.text_list("include");
    auto where = o.text("where");
    std::string opts = options_sql(o, "options");
    auto comment = o.text("comment");
    auto renamed = o.text("renamed_from");
    o.finish();
    bool ok = !keys.empty() && frag(Frag::Expr, where, "where");
    for (const auto& k : keys) ok &= check_fragment(Frag::IndexKey, k, "keys", d_);
    if ((comment || renamed) && !name) {
        o.error(o.where(), std::string("an index with `") + (comment ? "comment" : "renamed_from") + "` needs a `name`");
        ok = false;
    }
    if (!ok) return;
    SqlOut out(o.place());
    out << "CREATE " << (unique ? "UNIQUE " : "") << "INDEX ";
    if (name) out << quote_ident(name->value) << " ";
    out << "ON " << quote_qualified(q.schema, q.name) << " USING " << quote_ident(method ? method->value : "btree") << " (";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        out << (i == 0 ? "" : ", ");
        out.frag(keys[i]);
    }
    out << ")";
    if (!include.empty()) {
        std::vector<std::string> cols;
        for (const auto& c : include) cols.push_back(quote_ident(c.value));
        out << " INCLUDE (" << join(cols, ", ") << ")";
    }
    if (nnd) out << " NULLS NOT DISTINCT";
    out << opts;
    if (where) {
        out << " WHERE (";
        out.frag(*where);
        out << ")";
    }
    out.end();
    if (name) emit_comment(out, "INDEX " + quote_qualified(q.schema, name->value), comment);
    emit(out);
    if (renamed) note_rename("index", q.schema, name->value, "", *renamed);
    if (renamed) directives_.push_back([this, iq = QualifiedName{q.schema, name->value}, from = renamed->value] {
        if (auto i = cat_.indexes.find(iq); i != cat_.indexes.end()) i->second.renamed_from = from;
    });
}

void TomlLoader::trigger(const toml::table& tt, Obj& parent, const QualifiedName& q, bool view) {
    Obj o(tt, parent.file(), "a trigger of " + parent.what(), d_);
    auto name = o.text("name", true);
    auto timing = o.choice("timing", {"before", "after", "instead_of"}, true);
    auto events = o.text_list("events", true);
    auto update_of = o.text_list("update_of");
    auto for_each = o.choice("for_each", {"row", "statement"});
    auto when = o.text("when");
    auto function = reference(o, "function", q.schema, true);
    auto args = o.text_list("args");
    auto enabled = o.choice("enabled", {"origin", "disabled", "replica", "always"});
    bool constraint = o.flag("constraint");
    bool deferrable = o.flag("deferrable");
    bool deferred = o.flag("initially_deferred");
    auto old_table = o.text("old_table");
    auto new_table = o.text("new_table");
    auto comment = o.text("comment");
    o.finish();
    bool ok = name && timing && function && frag(Frag::Expr, when, "when");
    std::vector<std::string> evs;
    const std::vector<std::string> known = {"insert", "update", "delete", "truncate"};
    for (const auto& e : events) {
        std::string ev = lower(e.value);
        if (std::find(known.begin(), known.end(), ev) == known.end()) {
            std::string msg = "unknown trigger event \"" + e.value + "\"; expected insert, update, delete or truncate";
            std::string near = nearest(ev, known);
            if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
            o.error(e.where(), msg);
            ok = false;
            continue;
        }
        std::string sql = parse::upper(ev);
        if (ev == "update" && !update_of.empty()) {
            std::vector<std::string> cols;
            for (const auto& c : update_of) cols.push_back(quote_ident(c.value));
            sql += " OF " + join(cols, ", ");
        }
        evs.push_back(sql);
    }
    if (!update_of.empty() && std::find(evs.begin(), evs.end(), std::string("UPDATE")) == evs.end() &&
        std::none_of(evs.begin(), evs.end(), [](const std::string& e) { return e.rfind("UPDATE", 0) == 0; })) {
        o.error(o.loc("update_of"), "`update_of` needs \"update\" in `events`");
        ok = false;
    }
    if (view && enabled && *enabled != "origin") {
        o.error(o.loc("enabled"), "triggers on views are always enabled (PostgreSQL cannot disable them); remove `enabled`");
        ok = false;
    }
    if ((deferrable || deferred) && !constraint) {
        o.error(o.loc(deferrable ? "deferrable" : "initially_deferred"),
                "only constraint triggers are deferrable; add `constraint = true`");
        ok = false;
    }
    if (!ok || evs.empty()) return;
    std::string tq = quote_qualified(q.schema, q.name);
    std::string timing_sql = *timing == "instead_of" ? "INSTEAD OF" : parse::upper(*timing);
    SqlOut out(o.place());
    out << "CREATE " << (constraint ? "CONSTRAINT " : "") << "TRIGGER " << quote_ident(name->value) << " " << timing_sql << " "
        << join(evs, " OR ") << " ON " << tq;
    if (deferrable) out << " DEFERRABLE";
    if (deferred) out << " INITIALLY DEFERRED";
    if (old_table || new_table) {
        out << " REFERENCING";
        if (old_table) out << " OLD TABLE AS " << quote_ident(old_table->value);
        if (new_table) out << " NEW TABLE AS " << quote_ident(new_table->value);
    }
    out << " FOR EACH " << (for_each && *for_each == "row" ? "ROW" : "STATEMENT");
    if (when) {
        out << " WHEN (";
        out.frag(*when);
        out << ")";
    }
    std::vector<std::string> as;
    for (const auto& a : args) as.push_back(quote_literal(a.value));
    out << " EXECUTE FUNCTION " << quote_qualified(function->schema, function->name) << "(" << join(as, ", ") << ")";
    out.end();
    if (enabled && *enabled != "origin") {
        static const std::map<std::string, std::string> how = {
            {"disabled", "DISABLE TRIGGER "}, {"replica", "ENABLE REPLICA TRIGGER "}, {"always", "ENABLE ALWAYS TRIGGER "}};
        out << "ALTER " << (view ? "VIEW " : "TABLE ") << tq << " " << how.at(*enabled) << quote_ident(name->value);
        out.end();
    }
    emit_comment(out, "TRIGGER " + quote_ident(name->value) + " ON " + tq, comment);
    emit(out);
}

void TomlLoader::policy(const toml::table& pt, Obj& parent, const QualifiedName& q) {
    Obj o(pt, parent.file(), "a policy of " + parent.what(), d_);
    auto name = o.text("name", true);
    auto command = o.choice("command", {"all", "select", "insert", "update", "delete"});
    bool restrictive = o.flag("restrictive");
    auto roles = o.text_list("roles");
    auto using_expr = o.text("using");
    auto check = o.text("check");
    auto comment = o.text("comment");
    o.finish();
    bool ok = all({name.has_value(), frag(Frag::Expr, using_expr, "using"), frag(Frag::Expr, check, "check")});
    if (!ok) return;
    std::string tq = quote_qualified(q.schema, q.name);
    SqlOut out(o.place());
    out << "CREATE POLICY " << quote_ident(name->value) << " ON " << tq;
    if (restrictive) out << " AS RESTRICTIVE";
    if (command) out << " FOR " << parse::upper(*command);
    if (!roles.empty()) {
        std::vector<std::string> rs;
        for (const auto& r : roles) rs.push_back(lower(r.value) == "public" ? std::string("PUBLIC") : quote_ident(r.value));
        out << " TO " << join(rs, ", ");
    }
    if (using_expr) {
        out << " USING (";
        out.frag(*using_expr);
        out << ")";
    }
    if (check) {
        out << " WITH CHECK (";
        out.frag(*check);
        out << ")";
    }
    out.end();
    emit_comment(out, "POLICY " + quote_ident(name->value) + " ON " + tq, comment);
    emit(out);
}

void TomlLoader::table_backfill(const toml::table& bt, Obj& parent, const QualifiedName& q) {
    Obj o(bt, parent.file(), "a backfill of " + parent.what(), d_);
    auto name = o.text("name", true);
    auto set = o.text("set", true);
    auto where = o.text("where");
    auto batch = o.integer("batch_size", 1);
    o.finish();
    if (name && name->value.empty()) o.error(name->where(), "backfill `name` is empty");
    bool ok = all({name && !name->value.empty(), set && check_fragment(Frag::UpdateSet, *set, "set", d_),
                   frag(Frag::Expr, where, "where")});
    if (!ok) return;
    // canonical SET list: deparse UPDATE t SET <set> and keep what follows SET
    std::string stmt = parse::deparse_statement(parse::ParseTree::parse("UPDATE t SET " + set->value + "\n").statements()[0].node);
    TableBackfill b{name->value, stmt.substr(std::string("UPDATE t SET ").size()),
                    where ? parse::canonical_expr(where->value) : std::string(), batch};
    directives_.push_back([this, q, b, where_at = name->where()] {
        auto it = cat_.tables.find(q);
        if (it == cat_.tables.end()) return;
        for (const auto& other : it->second.backfills)
            if (other.name == b.name) {
                d_.error(where_at, "backfill `" + b.name + "` is defined twice on table " + q.str());
                return;
            }
        it->second.backfills.push_back(b);
    });
}

void TomlLoader::tables(const Entry& e) {
    const std::size_t errors_before = d_.count();  // a table with errors in its parts is not built
    Obj o(*e.table, *e.file, "table " + e.key, d_);
    QualifiedName q{schema_of(o, e), name_of(o, e)};
    bool unlogged = o.flag("unlogged");
    auto partition_by = o.text("partition_by");
    auto partition_of = reference(o, "partition_of", q.schema, false);
    auto bound = o.text("partition_bound");
    std::string opts = options_sql(o, "options");
    bool rls = o.flag("row_level_security");
    bool force_rls = o.flag("force_row_level_security");
    Common c = common(o);
    auto cols = o.tables("columns");
    bool ok = all({frag(Frag::PartitionBy, partition_by, "partition_by"), frag(Frag::PartitionBound, bound, "partition_bound")});
    if (o.has("partition_of") != (bound.has_value() || o.has("partition_bound"))) {
        o.error(o.where(), o.what() + (bound ? " has `partition_bound` but no `partition_of`" : " has `partition_of` but no `partition_bound`"));
        ok = false;
    }
    bool partition = o.has("partition_of");
    if (partition && !cols.empty()) {
        o.error(o.loc("columns"), "a partition takes its columns from its parent table; remove `columns` from " + o.what());
        ok = false;
    }
    std::string tq = quote_qualified(q.schema, q.name);
    SqlOut out(o.place());
    SqlOut after(o.place());
    out << "CREATE " << (unlogged ? "UNLOGGED " : "") << "TABLE " << tq;
    if (partition && partition_of) out << " PARTITION OF " << quote_qualified(partition_of->schema, partition_of->name) << " ";
    else out << " (";
    std::set<std::string> names;
    for (const toml::table* ct : cols) column(o, *ct, q, out, after, names);
    bool separate = partition || names.empty();
    // constraints
    if (const toml::node* pk = o.node("primary_key")) {
        if (pk->is_array()) {
            toml::table synthetic;
            synthetic.insert("columns", *pk->as_array());
            Obj k(synthetic, o.file(), "the primary key of " + o.what(), d_, o.loc(*pk));
            constraint(k, ConstraintType::PrimaryKey, q, out, after, separate);
        } else if (pk->is_table()) {
            Obj k(*pk->as_table(), o.file(), "the primary key of " + o.what(), d_);
            constraint(k, ConstraintType::PrimaryKey, q, out, after, separate);
        } else {
            o.wrong_type("primary_key", *pk, "an array of column names or a table { columns = [...] }");
        }
    }
    const std::pair<const char*, ConstraintType> kinds[] = {{"unique", ConstraintType::Unique},
                                                            {"foreign_keys", ConstraintType::ForeignKey},
                                                            {"checks", ConstraintType::Check},
                                                            {"exclusions", ConstraintType::Exclude}};
    for (const auto& [key, type] : kinds) {
        std::string what = std::string(type == ConstraintType::Unique       ? "a unique constraint"
                                       : type == ConstraintType::ForeignKey ? "a foreign key"
                                       : type == ConstraintType::Check      ? "a check"
                                                                            : "an exclusion constraint") +
                           " of " + o.what();
        for (const toml::table* kt : o.tables(key)) {
            Obj k(*kt, o.file(), what, d_);
            constraint(k, type, q, out, after, separate);
        }
    }
    auto indexes = o.tables("indexes");
    auto triggers = o.tables("triggers");
    auto policies = o.tables("policies");
    auto backfills = o.tables("backfills");
    o.finish();
    if (!partition) out << (names.empty() ? "" : "\n") << ")";
    if (bound) {
        out << " ";
        out.frag(*bound);
    }
    if (partition_by) {
        out << " PARTITION BY ";
        out.frag(*partition_by);
    }
    out << opts;
    out.end();
    if (rls) {
        after << "ALTER TABLE " << tq << " ENABLE ROW LEVEL SECURITY";
        after.end();
    }
    if (force_rls) {
        after << "ALTER TABLE " << tq << " FORCE ROW LEVEL SECURITY";
        after.end();
    }
    emit_common(after, c, "TABLE " + tq, "TABLE " + tq, "TABLE " + tq);
    std::size_t before = cat_.tables.size();
    if (ok && d_.count() == errors_before) emit(out);
    bool created = cat_.tables.size() > before;
    if (created) emit(after);
    if (!created) return;
    // members built on the table come later (tables_done), in file order
    members_.push_back([this, q, indexes, triggers, policies, backfills, file = e.file, what = o.what()] {
        toml::table empty;
        Obj parent(empty, *file, what, d_);
        for (const toml::table* it : indexes) index(*it, parent, q);
        for (const toml::table* tt : triggers) trigger(*tt, parent, q, false);
        for (const toml::table* pt : policies) policy(*pt, parent, q);
        for (const toml::table* bt : backfills) table_backfill(*bt, parent, q);
    });
    if (c.renamed_from) note_rename("table", q.schema, q.name, "", *c.renamed_from);
    if (c.renamed_from) directives_.push_back([this, q, from = c.renamed_from->value] {
        if (auto it = cat_.tables.find(q); it != cat_.tables.end()) it->second.renamed_from = from;
    });
}

void TomlLoader::views(const Entry& e, bool materialized) {
    Obj o(*e.table, *e.file, std::string(materialized ? "materialized view " : "view ") + e.key, d_);
    QualifiedName q{schema_of(o, e), name_of(o, e)};
    auto query = o.text("query", true);
    auto columns = o.text_list("columns");
    std::string opts;
    if (materialized) {
        opts = options_sql(o, "options");
    } else if (const toml::table* vo = o.table("options")) {
        Obj v(*vo, o.file(), "the options of " + o.what(), d_);
        std::vector<std::string> items;
        if (const toml::node* n = v.node("security_barrier")) {
            if (n->is_boolean()) items.push_back(std::string("security_barrier = ") + (n->as_boolean()->get() ? "true" : "false"));
            else v.wrong_type("security_barrier", *n, "a boolean");
        }
        if (const toml::node* n = v.node("security_invoker")) {
            if (n->is_boolean()) items.push_back(std::string("security_invoker = ") + (n->as_boolean()->get() ? "true" : "false"));
            else v.wrong_type("security_invoker", *n, "a boolean");
        }
        if (auto co = v.choice("check_option", {"local", "cascaded"})) items.push_back("check_option = " + quote_literal(*co));
        v.finish();
        if (!items.empty()) opts = " WITH (" + join(items, ", ") + ")";
    }
    const toml::table* col_comments = o.table("column_comments");
    std::vector<const toml::table*> indexes, triggers;
    if (materialized) indexes = o.tables("indexes");
    else triggers = o.tables("triggers");
    Common c = common(o);
    o.finish();
    if (query) {
        // a trailing semicolon is fine in a file, not inside CREATE VIEW
        std::string& v = query->value;
        while (!v.empty() && (std::isspace(static_cast<unsigned char>(v.back())) || v.back() == ';')) v.pop_back();
    }
    if (!query || !check_fragment(Frag::Query, *query, "query", d_)) return;
    std::string vq = quote_qualified(q.schema, q.name);
    SqlOut out(o.place());
    out << "CREATE " << (materialized ? "MATERIALIZED " : "") << "VIEW " << vq;
    if (!columns.empty()) {
        std::vector<std::string> cs;
        for (const auto& col : columns) cs.push_back(quote_ident(col.value));
        out << " (" << join(cs, ", ") << ")";
    }
    out << opts << " AS\n";
    out.frag(*query);
    if (materialized) out << " WITH NO DATA";
    out.end();
    std::string kind = materialized ? "MATERIALIZED VIEW " : "VIEW ";
    if (col_comments != nullptr) {
        for (const auto& [k, v] : *col_comments) {
            if (!v.is_string()) {
                o.error(o.loc(v), "`column_comments." + std::string(k.str()) + "` expects a string, found " + toml_type_name(v));
                continue;
            }
            out.at(o.place(v));
            emit_comment(out, "COLUMN " + vq + "." + quote_ident(k.str()), o.text_of(v));
        }
        out.at(o.place());
    }
    emit_common(out, c, kind + vq, (materialized ? "MATERIALIZED VIEW " : "VIEW ") + vq, "TABLE " + vq);
    std::size_t before = cat_.views.size();
    emit(out);
    if (cat_.views.size() == before) return;
    members_.push_back([this, q, indexes, triggers, file = e.file, what = o.what()] {
        toml::table empty;
        Obj parent(empty, *file, what, d_);
        for (const toml::table* it : indexes) index(*it, parent, q);
        for (const toml::table* tt : triggers) trigger(*tt, parent, q, true);
    });
    if (c.renamed_from) note_rename("view", q.schema, q.name, "", *c.renamed_from);
    if (c.renamed_from) directives_.push_back([this, q, from = c.renamed_from->value] {
        if (auto it = cat_.views.find(q); it != cat_.views.end()) it->second.renamed_from = from;
    });
}

// Renames must be unambiguous: the old name is not also declared, and two
// objects are not renamed from one name.
void TomlLoader::rename_check() {
    auto check = [this](const auto& map, const char* kind, auto schema_of_key, auto name_of_key) {
        std::map<std::pair<std::string, std::string>, std::string> seen;
        for (const auto& [k, o] : map) {
            if (o.renamed_from.empty()) continue;
            std::string schema = schema_of_key(k);
            if (o.renamed_from == name_of_key(k)) {
                d_.error(rename_at(kind, schema, name_of_key(k)), std::string(kind) + " " + quote_qualified(schema, name_of_key(k)) + " is renamed from itself");
                continue;
            }
            bool exists = false;
            for (const auto& [k2, _] : map)
                if (schema_of_key(k2) == schema && name_of_key(k2) == o.renamed_from) exists = true;
            if (exists)
                d_.error(rename_at(kind, schema, name_of_key(k)), std::string(kind) + " " + quote_qualified(schema, name_of_key(k)) + " is renamed from " +
                                 quote_ident(o.renamed_from) + ", which is also declared; drop one of them");
            auto [it, inserted] = seen.emplace(std::pair{schema, o.renamed_from}, name_of_key(k));
            if (!inserted)
                d_.error(rename_at(kind, schema, name_of_key(k)), std::string(kind) + "s " + quote_ident(it->second) + " and " + quote_ident(name_of_key(k)) +
                                 " are both renamed from " + quote_ident(o.renamed_from));
        }
    };
    auto qs = [](const QualifiedName& q) { return q.schema; };
    auto qn = [](const QualifiedName& q) { return q.name; };
    check(cat_.schemas, "schema", [](const std::string&) { return std::string(); }, [](const std::string& n) { return n; });
    check(cat_.enums, "type", qs, qn);
    check(cat_.domains, "domain", qs, qn);
    check(cat_.composites, "type", qs, qn);
    check(cat_.sequences, "sequence", qs, qn);
    check(cat_.tables, "table", qs, qn);
    check(cat_.indexes, "index", qs, qn);
    check(cat_.views, "view", qs, qn);
    for (const auto& [q, t] : cat_.tables) {
        std::map<std::string, std::string> cols;
        for (const auto& c : t.columns) {
            if (c.renamed_from.empty()) continue;
            if (c.renamed_from == c.name || t.find_column(c.renamed_from) != nullptr)
                d_.error(rename_at("column", q.schema, q.name, c.name), "column " + quote_ident(c.name) + " of table " + q.str() + " is renamed from " +
                                 quote_ident(c.renamed_from) + ", which is also declared");
            if (auto [it, ins] = cols.emplace(c.renamed_from, c.name); !ins)
                d_.error(rename_at("column", q.schema, q.name, c.name), "columns " + quote_ident(it->second) + " and " + quote_ident(c.name) + " of table " + q.str() +
                                 " are both renamed from " + quote_ident(c.renamed_from));
        }
        std::map<std::string, std::string> ks;
        for (const auto& [name, k] : t.constraints) {
            if (k.renamed_from.empty()) continue;
            if (k.renamed_from == name || t.constraints.contains(k.renamed_from))
                d_.error(rename_at("constraint", q.schema, q.name, name), "constraint " + quote_ident(name) + " of table " + q.str() + " is renamed from " +
                                 quote_ident(k.renamed_from) + ", which is also declared");
            if (auto [it, ins] = ks.emplace(k.renamed_from, name); !ins)
                d_.error(rename_at("constraint", q.schema, q.name, name), "constraints " + quote_ident(it->second) + " and " + quote_ident(name) + " of table " + q.str() +
                                 " are both renamed from " + quote_ident(k.renamed_from));
        }
    }
}

void TomlLoader::run() {
    // 1. parse every file; collect the entries of each kind, in file order
    const std::vector<bool> parsed = parse_files(files_, docs_, d_);
    for (std::size_t i = 0; i < files_.size(); ++i) {
        if (!parsed[i]) continue;
        const TomlFile& f = files_[i];
        const toml::table& doc = docs_[i];
        std::string file_schema = "public";
        if (const toml::node* s = doc.get("schema")) {
            if (s->is_string() && !s->as_string()->get().empty()) file_schema = s->as_string()->get();
            else d_.error(f.locate(f.offset_of(static_cast<int>(s->source().begin.line), static_cast<int>(s->source().begin.column))),
                          "`schema` expects a schema name (a non-empty string), found " + std::string(toml_type_name(*s)));
        }
        for (const auto& [k, v] : doc) {
            std::string key(k.str());
            const auto& kb = k.source().begin;
            SourceLocation at = f.locate(f.offset_of(static_cast<int>(kb.line), static_cast<int>(kb.column)));
            if (key == "schema") continue;
            if (std::find(kTopLevel.begin(), kTopLevel.end(), key) == kTopLevel.end()) {
                std::string msg = "unknown key `" + key + "` at the top level";
                std::string near = nearest(key, kTopLevel);
                if (!near.empty()) msg += "; did you mean `" + near + "`?";
                else msg += " (accepted: " + join(kTopLevel, ", ") + ")";
                d_.error(at, msg);
                continue;
            }
            if (!v.is_table()) {
                d_.error(at, "`" + key + "` expects a table of objects by name ([" + key + ".name]), found " + toml_type_name(v));
                continue;
            }
            for (const auto& [name, obj] : *v.as_table()) {
                const auto& nb = name.source().begin;
                if (!obj.is_table()) {
                    d_.error(f.locate(f.offset_of(static_cast<int>(nb.line), static_cast<int>(nb.column))),
                             "`" + key + "." + std::string(name.str()) + "` expects a table, found " + toml_type_name(obj));
                    continue;
                }
                entries_[key].push_back(Entry{&f, obj.as_table(), std::string(name.str()), file_schema, nb});
                if (key == "schemas") declared_schemas_.insert(std::string(name.str()));
            }
        }
    }
    // 2. objects, kind by kind, in dependency order
    for (const auto& e : entries_["schemas"]) schemas(e);
    for (const auto& e : entries_["extensions"]) extensions(e);
    for (const auto& e : entries_["enums"]) enums(e);
    for (const auto& e : entries_["domains"]) domains(e);
    for (const auto& e : entries_["types"]) types(e);
    for (const auto& e : entries_["sequences"]) sequences(e);
    for (const auto& e : entries_["functions"]) routines(e, false);
    for (const auto& e : entries_["procedures"]) routines(e, true);
    // tables: a partition after its parent
    std::vector<const Entry*> pending;
    for (const auto& e : entries_["tables"]) pending.push_back(&e);
    std::set<std::string> done;  // "schema\x1fname" of emitted tables
    auto ident = [](const Entry& e) {
        auto get = [&](const char* k, const std::string& dflt) {
            const toml::node* n = e.table->get(k);
            return n != nullptr && n->is_string() ? n->as_string()->get() : dflt;
        };
        return get("schema", e.file_schema) + '\x1f' + get("name", e.key);
    };
    while (!pending.empty()) {
        // the pending tables by the ways partition_of can name them: "name" and "schema.name"
        std::vector<std::string> ids;
        std::unordered_map<std::string, std::vector<std::size_t>> by_ref;
        for (std::size_t i = 0; i < pending.size(); ++i) {
            std::string id = ident(*pending[i]);
            const std::size_t sep = id.find('\x1f');
            by_ref[id.substr(sep + 1)].push_back(i);
            by_ref[id.substr(0, sep) + "." + id.substr(sep + 1)].push_back(i);
            ids.push_back(std::move(id));
        }
        std::vector<const Entry*> later;
        for (std::size_t self = 0; self < pending.size(); ++self) {
            const Entry* e = pending[self];
            const toml::node* p = e->table->get("partition_of");
            std::string parent;
            if (p != nullptr && p->is_string()) {
                // the parent, if it is one of the pending tables, goes first (the last one so named)
                if (auto it = by_ref.find(p->as_string()->get()); it != by_ref.end()) {
                    std::size_t best = pending.size();
                    for (std::size_t i : it->second)
                        if (i != self && (best == pending.size() || i > best)) best = i;
                    if (best != pending.size()) parent = ids[best];
                }
            }
            if (!parent.empty() && !done.contains(parent)) later.push_back(e);
            else {
                tables(*e);
                done.insert(ident(*e));
            }
        }
        if (later.size() == pending.size()) {  // a cycle: let the builder report it
            for (const Entry* e : later) tables(*e);
            break;
        }
        pending = std::move(later);
    }
    for (const auto& e : entries_["views"]) views(e, false);
    for (const auto& e : entries_["materialized_views"]) views(e, true);
    for (auto& m : members_) m();
    for (auto& f : deferred_) f();
    try {
        b_.finish();
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Input) throw;
        d_.error(e.where(), e.message());
    }
    if (d_.any()) return;
    for (auto& f : directives_) f();
    rename_check();
}

catalog::Catalog load(std::vector<TomlFile>& files) {
    Catalog cat;
    Diagnostics d;
    TomlLoader loader(files, d, cat);
    loader.run();
    if (d.any()) d.raise();
    normalize(cat);
    return cat;
}

}  // namespace

catalog::Catalog load_toml_files(const std::vector<std::string>& files) {
    std::vector<TomlFile> fs;
    fs.reserve(files.size());
    for (const auto& f : files) fs.emplace_back(f, read_file(f));
    return load(fs);
}

catalog::Catalog load_toml_text(const std::string& text, const std::string& file) {
    std::vector<TomlFile> fs;
    fs.emplace_back(file, text);
    return load(fs);
}

}  // namespace pgkeel::load
