#include "load/live_loader.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "common/error.hpp"
#include "common/quote.hpp"
#include "load/ddl_builder.hpp"

namespace pgkeel::load {

using namespace catalog;

namespace {

// Namespaces pgkeel manages: not system, not toast/temp, not excluded (pgkeel's
// own); extension members are excluded per object with not_extension_member().
std::string user_namespace(const std::vector<std::string>& excluded) {
    std::string out = "n.nspname NOT IN ('pg_catalog', 'information_schema'";
    for (const auto& e : excluded) out += ", " + quote_literal(e);
    return out + ") AND n.nspname !~ '^pg_(toast|temp_)'";
}

// The comment on an object: obj_description() and col_description() are SQL
// functions, run once per row; the same lookup inline plans as an index scan.
std::string description(const char* oid_expr, const char* catalog, const char* subid = "0") {
    return std::string("(SELECT ds.description FROM pg_description ds WHERE ds.objoid = ") + oid_expr +
           " AND ds.classoid = '" + catalog + "'::regclass AND ds.objsubid = " + subid + ")";
}

// The qualified name of collation `coll` when it is not its type's default
// `type_coll`, else NULL.
std::string collation_unless_default(const char* coll, const char* type_coll) {
    return std::string("CASE WHEN ") + coll + " <> 0 AND " + coll + " <> " + type_coll +
           " THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN "
           "pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = " + coll + ") END";
}

std::string not_extension_member(const char* catalog_table, const char* oid_expr) {
    return std::string("NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '") + catalog_table +
           "'::regclass AND dep.objid = " + oid_expr + " AND dep.deptype = 'e')";
}

// JSON arrays of [grantee, privilege, grantable] granted beyond, and revoked
// from, PostgreSQL's default privileges for the object kind and owner.
std::string acl_columns(const std::string& acl, const std::string& kind, const std::string& owner,
                        const std::string& prefix = "") {
    std::string dflt = "acldefault('" + kind + "', " + owner + ")";
    auto items = [&](const std::string& from, const std::string& minus) {
        return "(SELECT coalesce(json_agg(json_build_array(CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE "
               "pg_get_userbyid(x.grantee) END, x.privilege_type, x.is_grantable)), '[]') FROM (SELECT grantee, "
               "privilege_type, is_grantable FROM aclexplode(" + from + ") EXCEPT SELECT grantee, privilege_type, "
               "is_grantable FROM aclexplode(" + minus + ")) x)";
    };
    // a NULL ACL is the default: nothing granted or revoked beyond it
    auto unless_default = [&](const std::string& e) {
        return "CASE WHEN " + acl + " IS NULL THEN '[]'::json ELSE " + e + " END";
    };
    return unless_default(items(acl, dflt)) + " AS " + prefix + "grants, " + unless_default(items(dflt, acl)) + " AS " +
           prefix + "revokes";
}

// The owner, comment, grants and revokes columns that common_from() reads.
std::string owner_comment_acl(const char* owner, const char* oid, const char* catalog, const char* acl,
                              const char* acl_kind) {
    return std::string("pg_get_userbyid(") + owner + ") AS owner, " + description(oid, catalog) + " AS comment, " +
           acl_columns(acl, acl_kind, owner);
}

Acl parse_acl(const pqxx::row& r, const std::string& prefix = "") {
    Acl acl;
    auto fill = [](const char* text, std::vector<AclItem>& out) {
        for (const auto& e : nlohmann::json::parse(text))
            out.push_back({e[0].get<std::string>(), e[1].get<std::string>(), e[2].get<bool>()});
    };
    if (r[prefix + "grants"].is_null()) return acl;
    fill(r[prefix + "grants"].c_str(), acl.grants);
    fill(r[prefix + "revokes"].c_str(), acl.revokes);
    return acl;
}

std::optional<std::string> opt(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return std::string(f.c_str());
}

std::string s(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }

// Fills ObjectCommon from the owner, comment, grants and revokes columns.
void common_from(const pqxx::row& r, ObjectCommon& c) {
    c.owner = s(r["owner"]);
    c.comment = opt(r["comment"]);
    c.acl = parse_acl(r);
}

std::string seq_clause(const pqxx::row& r) {
    std::string out = " START WITH " + s(r["seqstart"]) + " INCREMENT BY " + s(r["seqincrement"]) + " MINVALUE " +
                      s(r["seqmin"]) + " MAXVALUE " + s(r["seqmax"]) + " CACHE " + s(r["seqcache"]);
    out += r["seqcycle"].as<bool>() ? " CYCLE" : " NO CYCLE";
    return out;
}

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
    try {
        return std::make_unique<pqxx::connection>(conninfo);
    } catch (const std::exception& e) {
        std::string msg = e.what();
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        throw Error(ErrorKind::Database, "cannot connect to the database: " + msg);
    }
}

using ReadTx = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// A second backend reading the same snapshot as tx, so the server works on two
// cores. Empty when the server cannot give one (no free connection, a standby
// that cannot export snapshots): then everything runs on the first.
struct Helper {
    std::unique_ptr<pqxx::connection> conn;
    std::unique_ptr<ReadTx> tx;
};
// The second connection joins on a thread of its own, and is given `patience`
// to do it. Through a pooler whose server connections are all taken (a pool of
// one, which this read's transaction holds), its first statement would wait in
// the pooler's queue for as long as the pooler lets it (query_wait_timeout,
// two minutes by default). Past the patience its socket is shut down, which
// ends that wait, and the first backend reads everything.
Helper helper_backend(const std::string& conninfo, ReadTx& tx, std::chrono::milliseconds patience) {
    if (const char* env = std::getenv("PGKEEL_LIVE_BACKENDS"); env != nullptr && std::string_view(env) == "1") return {};
    std::string snapshot;
    try {
        snapshot = tx.exec1("SELECT pg_catalog.pg_export_snapshot()")[0].c_str();
    } catch (const pqxx::sql_error&) {
        return {};
    }
    std::atomic<int> socket{-1};
    auto join = std::async(std::launch::async, [&conninfo, &snapshot, &socket]() -> Helper {
        Helper h;
        try {
            h.conn = std::make_unique<pqxx::connection>(conninfo);
            socket = h.conn->sock();
            h.tx = std::make_unique<ReadTx>(*h.conn);
            h.tx->exec0("SET TRANSACTION SNAPSHOT " + h.tx->quote(snapshot));
        } catch (const pqxx::broken_connection&) {
            return {};
        } catch (const pqxx::sql_error&) {
            return {};
        }
        return h;
    });
    if (join.wait_for(patience) == std::future_status::ready) return join.get();
    if (int s = socket.load(); s >= 0) ::shutdown(s, SHUT_RDWR);  // the waiting statement fails at once
    (void)join.get();  // even if it got through meanwhile: its socket may be shut
    return {};
}

}  // namespace

LiveSchema load_live(const std::string& conninfo, const std::vector<std::string>& excluded_schemas) {
    LiveSchema out;
    const std::string user_ns = user_namespace(excluded_schemas);
    const auto connect_start = std::chrono::steady_clock::now();
    std::unique_ptr<pqxx::connection> conn = connect(conninfo);
    // the second connection gets a second, and three times what this one took
    const auto connect_time = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - connect_start);
    try {
        auto tx = std::make_unique<ReadTx>(*conn);
        Helper helper = helper_backend(conninfo, *tx, std::chrono::milliseconds(1000) + 3 * connect_time);
        if (!helper.tx) {  // one backend, in a fresh transaction (a failed export aborts this one)
            tx.reset();
            tx = std::make_unique<ReadTx>(*conn);
        }
        // Every query is sent at once through a pipeline: the server works on
        // the next ones while the results of the first become DDL, and that DDL
        // is parsed on worker threads while the rest arrives. The definitions
        // the server renders for constraints, indexes, triggers and policies
        // run on the helper backend when there is one, read by a thread of
        // their own (a backend whose results are not read stops sending).
        std::optional<pqxx::pipeline> pipe(std::in_place, *tx);  // closed before the commit
        constexpr int kHeld = 1000;  // more than the queries: all go out as one batch at resume()
        pipe->retain(kHeld);
        std::vector<std::string> helper_sql;
        std::future<std::vector<pqxx::result>> helper_run;  // destroyed (joined) before the helper
        std::optional<std::vector<pqxx::result>> helper_results;
        struct Query {
            std::optional<pqxx::pipeline::query_id> id;  // on the first backend, else
            std::size_t helper = 0;                      // the helper's query number
        };
        auto send = [&](const std::string& sql) {
            ++out.queries;
            return Query{pipe->insert(sql)};
        };
        auto send_helper = [&](std::string sql) {
            if (!helper.tx) return send(sql);
            ++out.queries;
            helper_sql.push_back(std::move(sql));
            return Query{std::nullopt, helper_sql.size() - 1};
        };
        auto get = [&](const Query& q) {
            if (q.id) return pipe->retrieve(*q.id);
            if (!helper_results) helper_results = helper_run.get();
            return (*helper_results)[q.helper];
        };
        std::string type_common = owner_comment_acl("t.typowner", "t.oid", "pg_type", "t.typacl", "T");
        std::string rel_common = owner_comment_acl("c.relowner", "c.oid", "pg_class", "c.relacl", "r");
        std::string seq_common = owner_comment_acl("c.relowner", "c.oid", "pg_class", "c.relacl", "s");
        // Server-rendered names are schema-qualified for everything outside
        // pg_catalog. JIT compiling these catalog queries costs more than
        // running them (1.4 s against 0.4 s for the columns of 10,000 tables);
        // work_mem keeps the sorts of a large catalog in memory.
        const std::string setup_sql = "SELECT set_config('search_path', '', true), current_user, "
                                      "current_setting('server_version_num')::int, set_config('jit', 'off', true), "
                                      "set_config('work_mem', '64MB', true)";
        const auto q_setup = send(setup_sql);
        if (helper.tx) helper_sql.push_back(setup_sql);  // the same session settings, not a query of its own
        const auto q_schemas = send("SELECT n.nspname, " + owner_comment_acl("n.nspowner", "n.oid", "pg_namespace", "n.nspacl", "n") +
                               " FROM pg_namespace n WHERE " +
                               user_ns + " AND n.nspname <> 'public' AND " +
                               not_extension_member("pg_namespace", "n.oid") + " ORDER BY 1");
        const auto q_extensions = send("SELECT e.extname, n.nspname, CASE WHEN e.extversion IS DISTINCT FROM a.default_version "
                               "THEN e.extversion END, CASE WHEN " + description("e.oid", "pg_extension") + " IS DISTINCT FROM "
                               "a.comment THEN " + description("e.oid", "pg_extension") + " END FROM pg_extension e JOIN "
                               "pg_namespace n ON n.oid = e.extnamespace LEFT JOIN pg_available_extensions a ON a.name = "
                               "e.extname WHERE e.extname <> 'plpgsql' ORDER BY 1");
        const auto q_enums = send("SELECT n.nspname, t.typname, (SELECT array_agg(quote_literal(e.enumlabel) ORDER BY "
                               "e.enumsortorder)::text FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels, " +
                               type_common + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " +
                               user_ns + " AND t.typtype = 'e' AND " + not_extension_member("pg_type", "t.oid") +
                               " ORDER BY 1, 2");
        const auto q_domains = send("SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod) AS base, "
                               + collation_unless_default("t.typcollation", "bt.typcollation") + " AS coll, "
                               "pg_get_expr(t.typdefaultbin, 0) AS dflt, t.typnotnull, (SELECT "
                               "string_agg('ALTER DOMAIN ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) "
                               "|| ' ADD CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid) "
                               "|| ';', E'\\n' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid) AS "
                               "checks, (SELECT json_object_agg(c.conname, " + description("c.oid", "pg_constraint") + ") FROM "
                               "pg_constraint c WHERE c.contypid = t.oid AND " + description("c.oid", "pg_constraint") + " IS "
                               "NOT NULL) AS check_comments, " +
                               type_common +
                               " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type bt ON bt.oid = "
                               "t.typbasetype WHERE " +
                               user_ns + " AND t.typtype = 'd' AND " + not_extension_member("pg_type", "t.oid") +
                               " ORDER BY 1, 2");
        const auto q_composites = send("SELECT n.nspname, t.typname, (SELECT string_agg(quote_ident(a.attname) || ' ' || "
                               "format_type(a.atttypid, a.atttypmod) || coalesce(' COLLATE ' || " +
                               collation_unless_default("a.attcollation", "at.typcollation") + ", ''), ', ' ORDER BY a.attnum) FROM "
                               "pg_attribute a JOIN pg_type at ON at.oid = a.atttypid WHERE a.attrelid = t.typrelid AND "
                               "a.attnum > 0 AND NOT a.attisdropped) AS attrs, " +
                               type_common +
                               " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = "
                               "t.typrelid WHERE " +
                               user_ns + " AND t.typtype = 'c' AND c.relkind = 'c' AND " +
                               not_extension_member("pg_type", "t.oid") + " ORDER BY 1, 2");
        const auto q_rel = send("SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition, "
                     "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey, "
                     "CASE WHEN c.relispartition THEN (SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.relname) "
                     "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = "
                     "p.relnamespace WHERE i.inhrelid = c.oid) END AS parent, "
                     "pg_get_expr(c.relpartbound, c.oid) AS bound, array_to_string(c.reloptions, ', ') AS options, "
                     "c.relrowsecurity, c.relforcerowsecurity, "
                     "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef, " +
                     rel_common + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " +
                     user_ns + " AND c.relkind IN ('r', 'p', 'v', 'm') AND " +
                     not_extension_member("pg_class", "c.oid") + " ORDER BY c.relispartition, 2, 3");
        const auto q_cols = send("SELECT a.attrelid, quote_ident(a.attname) AS name, a.attname AS rawname, format_type(a.atttypid, "
            "a.atttypmod) AS type, a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid) AS dflt, "
            + collation_unless_default("a.attcollation", "t.typcollation") + " AS coll, " +
            description("a.attrelid", "pg_class", "a.attnum") + " AS comment, "
            "CASE WHEN a.attacl IS NULL THEN '[]'::json ELSE (SELECT coalesce(json_agg(json_build_array(CASE WHEN "
            "x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END, x.privilege_type, x.is_grantable)), '[]') "
            "FROM aclexplode(a.attacl) x) END AS grants, '[]' AS revokes, s.seqname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, " +
            acl_columns("s.relacl", "s", "s.relowner", "seq_") + " "
            "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "LEFT JOIN LATERAL (SELECT quote_ident(sn.nspname) || '.' || quote_ident(sc.relname) AS seqname, sc.relacl, "
            "sc.relowner, sq.* FROM "
            "pg_depend dp JOIN pg_class sc ON sc.oid = dp.objid JOIN pg_namespace sn ON sn.oid = sc.relnamespace JOIN "
            "pg_sequence sq ON sq.seqrelid = sc.oid WHERE dp.refobjid = a.attrelid AND dp.refobjsubid = a.attnum AND "
            "dp.classid = 'pg_class'::regclass AND dp.deptype = 'i') s ON a.attidentity <> '' WHERE " +
            user_ns +
            " AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum");
        const auto q_sequences = send("SELECT n.nspname, c.relname, c.relpersistence, format_type(sq.seqtypid, NULL) AS type, "
                               "sq.seqstart, sq.seqincrement, sq.seqmin, sq.seqmax, sq.seqcache, sq.seqcycle, (SELECT "
                               "quote_ident(tn.nspname) || '.' || quote_ident(t.relname) || '.' || quote_ident(a.attname) "
                               "FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = "
                               "t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
                               "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a' AND "
                               "d.refclassid = 'pg_class'::regclass) AS owned_by, " +
                               seq_common +
                               " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence sq ON "
                               "sq.seqrelid = c.oid WHERE " +
                               user_ns + " AND c.relkind = 'S' AND " + not_extension_member("pg_class", "c.oid") +
                               " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND "
                               "d.objid = c.oid AND d.deptype = 'i') ORDER BY 1, 2");
        const auto q_constraints = send_helper("SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid) AS def, "
                               "" + description("c.oid", "pg_constraint") + " AS comment FROM pg_constraint c JOIN pg_class t "
                               "ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE " +
                               user_ns +
                               " AND c.contype IN ('p', 'u', 'f', 'c', 'x') AND c.conparentid = 0 AND c.conislocal AND " +
                               not_extension_member("pg_class", "t.oid") + " ORDER BY 1, 2, 3");
        const auto q_indexes = send_helper("SELECT n.nspname, ic.relname, pg_get_indexdef(i.indexrelid) AS def, i.indisvalid, "
                               "" + description("i.indexrelid", "pg_class") + " AS comment FROM pg_index i JOIN pg_class ic ON "
                               "ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE " +
                               user_ns +
                               " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND "
                               "c.contype IN ('p', 'u', 'x')) AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE "
                               "h.inhrelid = i.indexrelid) AND " +
                               not_extension_member("pg_class", "i.indrelid") + " ORDER BY 1, 2");
        const auto q_routines = send("SELECT p.oid, n.nspname, p.proname, p.prokind, CASE WHEN p.prokind IN ('f', 'p') THEN "
                               "pg_get_functiondef(p.oid) END AS def, pg_get_function_identity_arguments(p.oid) AS args, " +
                               owner_comment_acl("p.proowner", "p.oid", "pg_proc", "p.proacl", "f") +
                               " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + user_ns +
                               " AND " + not_extension_member("pg_proc", "p.oid") + " ORDER BY 2, 3, 6");
        const auto q_triggers = send_helper("SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid) AS def, t.tgenabled, "
                               "" + description("t.oid", "pg_trigger") + " AS comment FROM pg_trigger t JOIN pg_class c ON c.oid "
                               "= t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " +
                               user_ns + " AND NOT t.tgisinternal AND t.tgparentid = 0 AND " +
                               // pgkeel's own transition triggers (backfills) call functions in its schema
                               "NOT EXISTS (SELECT 1 FROM pg_proc tp JOIN pg_namespace n ON n.oid = tp.pronamespace WHERE tp.oid = "
                               "t.tgfoid AND NOT (" + user_ns + ")) AND " +
                               not_extension_member("pg_class", "c.oid") + " ORDER BY 1, 2, 3");
        const auto q_policies = send_helper("SELECT n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive, (SELECT "
                               "string_agg(quote_ident(pg_get_userbyid(x)), ', ' ORDER BY 1) FROM unnest(p.polroles) x "
                               "WHERE x <> 0) AS roles, pg_get_expr(p.polqual, p.polrelid) AS qual, "
                               "pg_get_expr(p.polwithcheck, p.polrelid) AS wcheck, " + description("p.oid", "pg_policy") + " "
                               "AS comment FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON "
                               "n.oid = c.relnamespace WHERE " +
                               user_ns + " ORDER BY 1, 2, 3");
        const auto q_unmodelled = send("SELECT 'rule ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || "
                               "quote_ident(r.rulename) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN "
                               "pg_namespace n ON n.oid = c.relnamespace WHERE " +
                               user_ns +
                               " AND r.rulename <> '_RETURN' UNION ALL SELECT 'foreign table ' || "
                               "quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c JOIN "
                               "pg_namespace n ON n.oid = c.relnamespace WHERE " +
                               user_ns + " AND c.relkind = 'f' ORDER BY 1");
        pipe->resume();
        if (helper.tx)
            helper_run = std::async(std::launch::async, [&helper, &helper_sql] {
                std::vector<pqxx::result> results;
                for (const auto& sql : helper_sql) results.push_back(helper.tx->exec(sql));
                return results;
            });
        auto setup = get(q_setup);
        out.current_user = s(setup[0][1]);
        if (setup[0][2].as<int>() < 150000 || setup[0][2].as<int>() >= 160000) {
            out.warnings.push_back("server version " + s(setup[0][2]) + " is not PostgreSQL 15; definitions may differ");
        }

        // Structural definitions, read back by the DdlBuilder: parsed on worker
        // threads as the DDL grows, and applied as soon as they are parsed, so
        // that both overlap the server's work on the queries still running.
        const std::string file = "<live database>";
        std::string ddl;
        parse::ScriptParser parser;
        DdlBuilder builder(out.catalog);
        builder.begin_text(ddl, file);
        const auto apply = [&builder](const parse::ScriptStatement& st) { builder.apply_parsed(st); };
        std::size_t fed = 0;  // bytes of ddl handed to the parser
        auto feed = [&] {     // call between statements
            if (ddl.size() - fed < 64 * 1024) return;
            parser.add(ddl.substr(fed));
            fed = ddl.size();
            parser.take_parsed(apply);
        };
        // Owners, comments and privileges, applied to the model after the build.
        std::vector<std::function<void(Catalog&)>> fixups;

        // --- schemas
        for (const auto& r : get(q_schemas)) {
            feed();
            std::string name = s(r[0]);
            ddl += "CREATE SCHEMA " + quote_ident(name) + ";\n";
            ObjectCommon c;
            common_from(r, c);
            fixups.push_back([name, c](Catalog& cat) { cat.schemas.at(name).common = c; });
        }
        // --- extensions
        // The version and comment an extension installs by default are not modelled
        // (pg_dump writes neither), only a pinned version or a changed comment.
        for (const auto& r : get(q_extensions)) {
            feed();
            ddl += "CREATE EXTENSION " + quote_ident(s(r[0])) + " WITH SCHEMA " + quote_ident(s(r[1]));
            if (!r[2].is_null()) ddl += " VERSION " + quote_literal(s(r[2]));
            ddl += ";\n";
            std::string name = s(r[0]);
            auto comment = opt(r[3]);
            fixups.push_back([name, comment](Catalog& cat) { cat.extensions.at(name).comment = comment; });
        }
        // --- types: enums, domains, composites
        auto type_fixup = [&](const std::string& schema, const std::string& name, const pqxx::row& r) {
            ObjectCommon c;
            common_from(r, c);
            QualifiedName qn{schema, name};
            fixups.push_back([qn, c](Catalog& cat) {
                if (auto e = cat.enums.find(qn); e != cat.enums.end()) e->second.common = c;
                if (auto d = cat.domains.find(qn); d != cat.domains.end()) d->second.common = c;
                if (auto k = cat.composites.find(qn); k != cat.composites.end()) k->second.common = c;
            });
        };
        for (const auto& r : get(q_enums)) {
            feed();
            std::string labels = s(r["labels"]);  // {'a','b'} as text
            if (labels.size() >= 2) labels = labels.substr(1, labels.size() - 2);
            // array text quotes elements containing commas or quotes; undo that layer
            std::string unq;
            for (std::size_t i = 0; i < labels.size(); ++i) {
                if (labels[i] == '"') continue;
                if (labels[i] == '\\' && i + 1 < labels.size()) ++i;
                unq += labels[i];
            }
            ddl += "CREATE TYPE " + quote_qualified(s(r[0]), s(r[1])) + " AS ENUM (" + unq + ");\n";
            type_fixup(s(r[0]), s(r[1]), r);
        }
        for (const auto& r : get(q_domains)) {
            feed();
            ddl += "CREATE DOMAIN " + quote_qualified(s(r[0]), s(r[1])) + " AS " + s(r["base"]);
            if (!r["coll"].is_null()) ddl += " COLLATE " + s(r["coll"]);
            if (!r["dflt"].is_null()) ddl += " DEFAULT " + s(r["dflt"]);
            if (r["typnotnull"].as<bool>()) ddl += " NOT NULL";
            ddl += ";\n" + s(r["checks"]) + "\n";
            type_fixup(s(r[0]), s(r[1]), r);
            if (!r["check_comments"].is_null()) {
                QualifiedName qn{s(r[0]), s(r[1])};
                auto comments = nlohmann::json::parse(r["check_comments"].c_str());
                fixups.push_back([qn, comments](Catalog& cat) {
                    for (auto& k : cat.domains.at(qn).checks)
                        if (comments.contains(k.name)) k.comment = comments[k.name].get<std::string>();
                });
            }
        }
        for (const auto& r : get(q_composites)) {
            feed();
            ddl += "CREATE TYPE " + quote_qualified(s(r[0]), s(r[1])) + " AS (" + s(r["attrs"]) + ");\n";
            type_fixup(s(r[0]), s(r[1]), r);
        }

        // --- relations: tables, partitions, views, materialized views, sequences
        auto rel = get(q_rel);
        // columns of every table, in attnum order
        std::map<std::string, std::string> columns_ddl;  // table oid -> column list
        std::vector<std::function<void(Catalog&)>> column_fixups;
        auto cols = get(q_cols);
        std::map<std::string, QualifiedName> rel_names;
        std::map<std::string, char> rel_kinds;
        for (const auto& r : rel) {
            rel_names[s(r["oid"])] = {s(r["nspname"]), s(r["relname"])};
            rel_kinds[s(r["oid"])] = s(r["relkind"])[0];
        }
        for (const auto& r : cols) {
            std::string oid = s(r["attrelid"]);
            auto kind = rel_kinds.find(oid);
            if (kind == rel_kinds.end()) continue;
            QualifiedName tq = rel_names.at(oid);
            std::string rawname = s(r["rawname"]);
            auto comment = opt(r["comment"]);
            if (kind->second == 'v' || kind->second == 'm') {
                if (comment)
                    column_fixups.push_back([tq, rawname, comment](Catalog& cat) {
                        cat.views.at(tq).column_comments[rawname] = *comment;
                    });
                continue;
            }
            std::string& list = columns_ddl[oid];
            if (!list.empty()) list += ",\n  ";
            list += s(r["name"]) + " " + s(r["type"]);
            if (!r["coll"].is_null()) list += " COLLATE " + s(r["coll"]);
            std::string identity = s(r["attidentity"]);
            std::string generated = s(r["attgenerated"]);
            if (!identity.empty()) {
                list += identity == "a" ? " GENERATED ALWAYS AS IDENTITY (" : " GENERATED BY DEFAULT AS IDENTITY (";
                list += "SEQUENCE NAME " + s(r["seqname"]) + seq_clause(r) + ")";
            } else if (generated == "s") {
                list += " GENERATED ALWAYS AS (" + s(r["dflt"]) + ") STORED";
            } else if (!r["dflt"].is_null()) {
                list += " DEFAULT " + s(r["dflt"]);
            }
            if (r["attnotnull"].as<bool>()) list += " NOT NULL";
            Acl acl = parse_acl(r);
            Acl seq_acl = identity.empty() ? Acl{} : parse_acl(r, "seq_");
            if (comment || !acl.empty() || !seq_acl.empty())
                column_fixups.push_back([tq, rawname, comment, acl, seq_acl](Catalog& cat) {
                    Table& t = cat.tables.at(tq);
                    if (Column* c = t.find_column(rawname)) {
                        c->comment = comment;
                        c->acl = acl;
                        c->identity_acl = seq_acl;
                    }
                });
        }
        std::string post_ddl;  // statements that need every relation defined first
        std::set<std::string> emitted;
        // Partitions after their parents: repeat passes until every table is emitted.
        std::vector<pqxx::result::size_type> pending;  // row numbers (pqxx rows are iterator-bound)
        for (pqxx::result::size_type i = 0; i < rel.size(); ++i) pending.push_back(i);
        while (!pending.empty()) {
            std::vector<pqxx::result::size_type> later;
            for (auto rp : pending) {
                feed();
                const pqxx::row r = rel[rp];
                char kind = s(r["relkind"])[0];
                std::string name = quote_qualified(s(r["nspname"]), s(r["relname"]));
                if (r["relispartition"].as<bool>() && !emitted.contains(s(r["parent"]))) {
                    later.push_back(rp);
                    continue;
                }
                emitted.insert(name);
                QualifiedName qn{s(r["nspname"]), s(r["relname"])};
                ObjectCommon c;
                common_from(r, c);
                std::string options = s(r["options"]);
                if (kind == 'v' || kind == 'm') {
                    std::string def = s(r["viewdef"]);
                    while (!def.empty() && (def.back() == ';' || def.back() == '\n' || def.back() == ' ')) def.pop_back();
                    if (kind == 'v') {
                        ddl += "CREATE VIEW " + name + (options.empty() ? "" : " WITH (" + options + ")") + " AS " + def + ";\n";
                    } else {
                        ddl += "CREATE MATERIALIZED VIEW " + name + (options.empty() ? "" : " WITH (" + options + ")") +
                               " AS " + def + " WITH NO DATA;\n";
                    }
                    fixups.push_back([qn, c](Catalog& cat) { cat.views.at(qn).common = c; });
                    continue;
                }
                ddl += "CREATE ";
                if (s(r["relpersistence"]) == "u") ddl += "UNLOGGED ";
                ddl += "TABLE " + name;
                if (r["relispartition"].as<bool>()) {
                    ddl += " PARTITION OF " + s(r["parent"]) + " " + s(r["bound"]);
                } else {
                    ddl += " (\n  " + columns_ddl[s(r["oid"])] + "\n)";
                }
                if (kind == 'p') ddl += " PARTITION BY " + s(r["partkey"]);
                if (!options.empty()) ddl += " WITH (" + options + ")";
                ddl += ";\n";
                if (r["relrowsecurity"].as<bool>()) post_ddl += "ALTER TABLE " + name + " ENABLE ROW LEVEL SECURITY;\n";
                if (r["relforcerowsecurity"].as<bool>()) post_ddl += "ALTER TABLE " + name + " FORCE ROW LEVEL SECURITY;\n";
                fixups.push_back([qn, c](Catalog& cat) { cat.tables.at(qn).common = c; });
            }
            if (later.size() == pending.size()) throw_internal("partition parents not found in the catalog");
            pending = std::move(later);
        }
        // --- sequences (identity sequences belong to their column)
        for (const auto& r : get(q_sequences)) {
            feed();
            std::string name = quote_qualified(s(r["nspname"]), s(r["relname"]));
            ddl += std::string("CREATE ") + (s(r["relpersistence"]) == "u" ? "UNLOGGED " : "") + "SEQUENCE " + name +
                   " AS " + s(r["type"]) + seq_clause(r) + ";\n";
            if (!r["owned_by"].is_null()) post_ddl += "ALTER SEQUENCE " + name + " OWNED BY " + s(r["owned_by"]) + ";\n";
            QualifiedName qn{s(r["nspname"]), s(r["relname"])};
            ObjectCommon c;
            common_from(r, c);
            // sequences take the relation ACL kind 's'
            fixups.push_back([qn, c](Catalog& cat) { cat.sequences.at(qn).common = c; });
        }
        ddl += post_ddl;
        // --- constraints (not those cloned onto partitions)
        std::vector<std::function<void(Catalog&)>> member_fixups;
        for (const auto& r : get(q_constraints)) {
            feed();
            ddl += "ALTER TABLE ONLY " + quote_qualified(s(r[0]), s(r[1])) + " ADD CONSTRAINT " + quote_ident(s(r[2])) +
                   " " + s(r["def"]) + ";\n";
            if (auto comment = opt(r["comment"])) {
                QualifiedName qn{s(r[0]), s(r[1])};
                std::string k = s(r[2]);
                member_fixups.push_back([qn, k, comment](Catalog& cat) { cat.tables.at(qn).constraints.at(k).comment = comment; });
            }
        }
        // --- indexes (not those backing constraints, not partitions of a partitioned index)
        for (const auto& r : get(q_indexes)) {
            feed();
            if (!r["indisvalid"].as<bool>())
                out.warnings.push_back("index " + quote_qualified(s(r[0]), s(r[1])) +
                                       " is INVALID (a failed concurrent build); it is loaded as defined");
            ddl += s(r["def"]) + ";\n";
            if (auto comment = opt(r["comment"])) {
                QualifiedName qn{s(r[0]), s(r[1])};
                member_fixups.push_back([qn, comment](Catalog& cat) { cat.indexes.at(qn).comment = comment; });
            }
        }
        // --- routines; their owners etc. are matched by definition order below
        std::vector<ObjectCommon> routine_commons;
        for (const auto& r : get(q_routines)) {
            feed();
            std::string kind = s(r["prokind"]);
            std::string display = quote_qualified(s(r[1]), s(r[2])) + "(" + s(r["args"]) + ")";
            if (kind != "f" && kind != "p") {
                out.warnings.push_back(std::string(kind == "a" ? "aggregate " : "window function ") + display +
                                       " is not modelled by pgkeel and was left out");
                continue;
            }
            ddl += s(r["def"]);
            ddl += ";\n";
            ObjectCommon c;
            common_from(r, c);
            routine_commons.push_back(std::move(c));
        }
        // --- triggers (not internal, not cloned onto partitions)
        for (const auto& r : get(q_triggers)) {
            feed();
            std::string table = quote_qualified(s(r[0]), s(r[1]));
            ddl += s(r["def"]) + ";\n";
            std::string enabled = s(r["tgenabled"]);
            std::string trig = quote_ident(s(r[2]));
            if (enabled == "D") ddl += "ALTER TABLE " + table + " DISABLE TRIGGER " + trig + ";\n";
            if (enabled == "A") ddl += "ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + trig + ";\n";
            if (enabled == "R") ddl += "ALTER TABLE " + table + " ENABLE REPLICA TRIGGER " + trig + ";\n";
            if (auto comment = opt(r["comment"])) {
                QualifiedName qn{s(r[0]), s(r[1])};
                std::string tn = s(r[2]);
                member_fixups.push_back([qn, tn, comment](Catalog& cat) {
                    if (auto t = cat.tables.find(qn); t != cat.tables.end()) t->second.triggers.at(tn).comment = comment;
                    else cat.views.at(qn).triggers.at(tn).comment = comment;
                });
            }
        }
        // --- policies
        for (const auto& r : get(q_policies)) {
            feed();
            static const std::map<std::string, std::string> cmds = {
                {"*", "ALL"}, {"r", "SELECT"}, {"a", "INSERT"}, {"w", "UPDATE"}, {"d", "DELETE"}};
            ddl += "CREATE POLICY " + quote_ident(s(r[2])) + " ON " + quote_qualified(s(r[0]), s(r[1])) + " AS " +
                   (r["polpermissive"].as<bool>() ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + cmds.at(s(r["polcmd"])) +
                   " TO " + (r["roles"].is_null() ? std::string("PUBLIC") : s(r["roles"]));
            if (!r["qual"].is_null()) ddl += " USING (" + s(r["qual"]) + ")";
            if (!r["wcheck"].is_null()) ddl += " WITH CHECK (" + s(r["wcheck"]) + ")";
            ddl += ";\n";
            if (auto comment = opt(r["comment"])) {
                QualifiedName qn{s(r[0]), s(r[1])};
                std::string pn = s(r[2]);
                member_fixups.push_back([qn, pn, comment](Catalog& cat) { cat.tables.at(qn).policies.at(pn).comment = comment; });
            }
        }
        // --- objects present but not modelled, so nothing disappears silently
        for (const auto& r : get(q_unmodelled)) {
            out.warnings.push_back(s(r[0]) + " is not modelled by pgkeel and was left out");
        }
        pipe.reset();
        tx->commit();
        if (helper.tx) {
            if (!helper_results) helper_results = helper_run.get();
            helper.tx->commit();
        }

        parser.add(ddl.substr(fed));
        parser.finish(file, apply);
        builder.end_text();
        builder.finish();
        for (auto& f : fixups) f(out.catalog);
        const auto& order = builder.routines_in_order();
        for (std::size_t i = 0; i < order.size() && i < routine_commons.size(); ++i)
            out.catalog.routines.at(order[i]).common = routine_commons[i];
        for (auto& f : column_fixups) f(out.catalog);
        for (auto& f : member_fixups) f(out.catalog);
        normalize(out.catalog);
    } catch (const pqxx::broken_connection& e) {
        throw Error(ErrorKind::Database, std::string("database connection lost: ") + e.what());
    } catch (const pqxx::sql_error& e) {
        throw Error(ErrorKind::Database, std::string("database error while reading the catalog: ") + e.what());
    }
    return out;
}

}  // namespace pgkeel::load
