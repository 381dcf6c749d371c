#include "exec/backfill.hpp"

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "common/error.hpp"
#include "common/quote.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "exec/conninfo.hpp"
#include "exec/db.hpp"
#include "exec/history.hpp"
#include "exec/log.hpp"
#include "parse/pg_tree.hpp"

namespace pgkeel::exec {

using nlohmann::json;

namespace {

// A backfill step's UPDATE, taken apart: the batches are built from it.
struct Update {
    std::string table;                                       // quoted schema.name
    std::vector<std::pair<std::string, std::string>> sets;   // column, expression (SQL)
    std::string where;                                       // SQL, empty = every row
};

Update parse_update(const ExecStep& s, const std::string& where_from) {
    auto tree = parse::ParseTree::parse(s.sql, where_from);
    auto stmts = tree.statements();
    if (stmts.size() != 1 || stmts[0].node->node_case != PG_QUERY__NODE__NODE_UPDATE_STMT)
        throw Error(ErrorKind::Input, where_from + ": step " + std::to_string(s.number) + " is not one UPDATE statement");
    const auto* u = stmts[0].node->update_stmt;
    if (u->n_from_clause > 0 || u->n_returning_list > 0 || u->with_clause != nullptr || u->relation == nullptr)
        throw Error(ErrorKind::Input, where_from + ": step " + std::to_string(s.number) +
                                          ": a backfill UPDATE may not have FROM, RETURNING or WITH (it is run in batches)");
    Update out;
    out.table = quote_qualified(u->relation->schemaname != nullptr ? u->relation->schemaname : "", u->relation->relname);
    for (std::size_t i = 0; i < u->n_target_list; ++i) {
        const auto* rt = u->target_list[i]->res_target;
        if (rt == nullptr || rt->n_indirection > 0 || rt->val == nullptr ||
            rt->val->node_case == PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF)
            throw Error(ErrorKind::Input, where_from + ": step " + std::to_string(s.number) +
                                              ": write each SET as `column = expression` (no subscripts or (a, b) = ...)");
        out.sets.emplace_back(rt->name, parse::deparse_expr(rt->val));
    }
    if (u->where_clause != nullptr) out.where = parse::deparse_expr(u->where_clause);
    return out;
}

struct Key {
    std::vector<std::string> columns;  // names, in key order
    std::vector<std::string> types;    // format_type()
};

// The primary key, else the first unique, non-partial index over NOT NULL
// columns only (by name): what the batches walk in order.
std::optional<Key> find_key(pqxx::dbtransaction& tx, const std::string& table) {
    auto rows = tx.exec_params(
        "SELECT i.indisprimary, c.relname, array_position(i.indkey::int2[], a.attnum) AS pos, a.attname, "
        "pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = "
        "i.indexrelid JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[]) WHERE "
        "i.indrelid = pg_catalog.to_regclass($1) AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL "
        "AND i.indnkeyatts = i.indnatts AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute n WHERE n.attrelid = i.indrelid AND "
        "n.attnum = ANY (i.indkey::int2[]) AND NOT n.attnotnull) ORDER BY i.indisprimary DESC, c.relname, pos",
        table);
    if (rows.empty()) return std::nullopt;
    Key k;
    std::string first = rows[0][1].c_str();
    for (const auto& r : rows) {
        if (first != r[1].c_str()) break;
        k.columns.emplace_back(r[3].c_str());
        k.types.emplace_back(r[4].c_str());
    }
    return k;
}

// A text[] as SQL (ARRAY['a', 'b']::text[]), NULL when empty.
std::string text_array(const std::vector<std::string>& items) {
    if (items.empty()) return "NULL";
    std::vector<std::string> lits;
    for (const auto& i : items) lits.push_back(quote_literal(i));
    return "ARRAY[" + join(lits, ", ") + "]::text[]";
}

// A text[] the server sent as array_to_json(...)::text; empty for NULL or ''.
std::vector<std::string> json_texts(const pqxx::field& f) {
    std::vector<std::string> out;
    if (f.is_null() || *f.c_str() == '\0') return out;
    for (const auto& v : json::parse(f.c_str())) out.push_back(v.get<std::string>());
    return out;
}

std::string row_of(const std::vector<std::string>& items) {
    return items.size() == 1 ? items[0] : "(" + join(items, ", ") + ")";
}

// One eligible backfill step, ready to run.
struct Job {
    const ExecPlan* plan;
    const ExecStep* step;
    Update update;
    Key key;
    int batch_size = 1000;
};

struct Stop : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Runner {
public:
    Runner(const BackfillOptions& o) : o_(o), hist_(o.history_schema), log_(o.json_log) {
        holder_ = holder_id();
        conninfo_ = with_params(o.db, {{"application_name", "pgkeel backfill " + holder_}});
        if (const char* v = std::getenv("PGKEEL_TEST_KILL_AFTER_BATCH")) kill_after_ = std::atoi(v);
    }
    int run(const std::vector<ExecPlan>& plans);

private:
    pqxx::connection& conn() {
        if (!conn_) conn_ = connect(conninfo_);
        return *conn_;
    }
    // SET LOCAL only (pooler-safe). pgkeel.backfill names the column this
    // job fills, so its own transition trigger skips the job's writes (the
    // tag is the one the planner gave the trigger); other triggers still fire.
    void set_local(pqxx::dbtransaction& tx, const Job& j) const {
        std::string tag = j.update.sets.size() == 1 ? sha256_hex(j.update.table + "." + quote_ident(j.update.sets[0].first)).substr(0, 16)
                                                    : std::string();
        tx.exec_params("SELECT pg_catalog.set_config('lock_timeout', $1, true), pg_catalog.set_config('pgkeel.backfill', $2, true)",
                       std::to_string(o_.lock_timeout.count()) + "ms", tag);
    }
    // Runs `body` in a transaction, retrying transient failures with backoff.
    template <class F>
    void with_retries(const Job& j, const char* what, F body);
    void run_job(Job& j);
    bool out_of_time() const {
        return o_.max_minutes > 0 && elapsed_ms(t0_) >= static_cast<long long>(o_.max_minutes * 60000.0);
    }
    void progress(const Job& j, long long done, long long total, bool final);

    const BackfillOptions& o_;
    History hist_;
    Log log_;
    std::string holder_, conninfo_;
    std::unique_ptr<pqxx::connection> conn_;
    Clock::time_point t0_ = Clock::now(), last_log_ = Clock::now();
    int kill_after_ = 0, batches_run_ = 0;
};

template <class F>
void Runner::with_retries(const Job& j, const char* what, F body) {
    auto delay = std::chrono::milliseconds(200);
    for (int attempt = 0;; ++attempt) {
        std::string error, state;
        try {
            pqxx::work tx(conn());
            set_local(tx, j);
            body(tx);
            tx.commit();
            return;
        } catch (const pqxx::broken_connection& e) {
            error = trimmed(e.what());
            conn_.reset();  // reconnect on the next attempt
        } catch (const pqxx::in_doubt_error& e) {
            error = trimmed(e.what());
            conn_.reset();
        } catch (const pqxx::sql_error& e) {
            error = trimmed(e.what());
            state = e.sqlstate();
            bool transient = state == "40001" || state == "40P01" || state == "55P03" || state.rfind("08", 0) == 0 || state == "57P01";
            if (!transient) attempt = o_.retries;  // not worth retrying
        }
        if (attempt >= o_.retries)
            throw Stop(j.plan->id + " step " + std::to_string(j.step->number) + " (" + j.step->summary + "): " + what + " failed: " + error +
                       (state.empty() ? "" : " [SQLSTATE " + state + "]"));
        log_.emit("  " + std::string(what) + " failed (" + error + "); retry " + std::to_string(attempt + 1) + "/" +
                      std::to_string(o_.retries) + " in " + ms_text(delay.count()),
                  {{"event", "retry"}, {"plan", j.plan->id}, {"step", j.step->number}, {"error", error}, {"sqlstate", state},
                   {"attempt", attempt + 1}});
        std::this_thread::sleep_for(delay);
        delay = std::min(delay * 2, std::chrono::milliseconds(10000));
    }
}

void Runner::progress(const Job& j, long long done, long long total, bool final) {
    if (o_.progress && !o_.json_log) {
        double rate = static_cast<double>(done) / std::max(1.0, static_cast<double>(elapsed_ms(t0_)) / 1000.0);
        int pct = total > 0 ? static_cast<int>(std::min<long long>(100, done * 100 / total)) : 0;
        long long eta = rate > 0 && total > done ? static_cast<long long>(static_cast<double>(total - done) / rate) : 0;
        std::string bar(static_cast<std::size_t>(pct / 4), '#');
        bar.resize(25, '.');
        std::fprintf(stderr, "\r  [%s] %3d%%  %lld/%lld rows  %.0f rows/s  ETA %lld:%02lld ", bar.c_str(), pct, done, total, rate, eta / 60,
                     eta % 60);
        if (final) std::fputc('\n', stderr);
        std::fflush(stderr);
        return;
    }
    if (!final && elapsed_ms(last_log_) < 5000) return;
    last_log_ = Clock::now();
    log_.emit("  " + j.plan->id + " step " + std::to_string(j.step->number) + ": " + std::to_string(done) + " rows scanned" +
                  (total > done ? " of about " + std::to_string(total) : ""),
              {{"event", "progress"}, {"plan", j.plan->id}, {"step", j.step->number}, {"rows_scanned", done}, {"rows_estimated", total}});
}

void Runner::run_job(Job& j) {
    const std::string plan_id = j.plan->id, step = std::to_string(j.step->number);
    const auto& kc = j.key.columns;
    std::vector<std::string> keys, tkeys, texts, aliases;
    for (std::size_t i = 0; i < kc.size(); ++i) {
        keys.push_back(quote_ident(kc[i]));
        aliases.push_back("pgkeel_k" + std::to_string(i + 1));
        tkeys.push_back(j.update.table + "." + quote_ident(kc[i]));
        texts.push_back(aliases.back() + "::text");
    }
    std::string set;
    for (const auto& [c, e] : j.update.sets) set += (set.empty() ? "" : ", ") + quote_ident(c) + " = " + e;
    std::string where = j.update.where.empty() ? "" : " AND (" + j.update.where + ")";
    std::vector<std::string> selected;
    for (std::size_t i = 0; i < keys.size(); ++i) selected.push_back(keys[i] + " AS " + aliases[i]);
    auto cursor_row = [&](const std::vector<std::string>& cur) {
        std::vector<std::string> lits;
        for (std::size_t i = 0; i < cur.size(); ++i) lits.push_back(quote_literal(cur[i]) + "::" + j.key.types[i]);
        return row_of(lits);
    };

    // state row: created once, then read back (a resumed run continues from it)
    std::vector<std::string> cursor;
    std::string phase = "scan";
    long long scanned = 0, updated = 0;
    with_retries(j, "reading the backfill state", [&](pqxx::dbtransaction& tx) {
        tx.exec_params("INSERT INTO " + hist_.table("backfills") +
                           " (plan_id, step, table_name, key_columns, batch_size) VALUES ($1, $2, $3, " + text_array(kc) + ", $4) ON "
                           "CONFLICT DO NOTHING",
                       plan_id, j.step->number, j.update.table, j.batch_size);
        auto r = tx.exec_params1("SELECT coalesce(array_to_json(cursor)::text, ''), phase, rows_scanned, rows_updated, batch_size FROM " +
                                     hist_.table("backfills") + " WHERE plan_id = $1 AND step = $2",
                                 plan_id, j.step->number);
        cursor = json_texts(r[0]);
        phase = r[1].c_str();
        scanned = r[2].as<long long>();
        updated = r[3].as<long long>();
        if (o_.batch_size == 0) j.batch_size = r[4].as<int>();
    });
    long long total = 0;
    // The scan ends at the highest key present when it starts. Rows inserted
    // later are filled by the transition trigger (column backfills), and an
    // application that keeps inserting would otherwise be chased batch after
    // batch for as long as it runs. A resumed run takes the highest key again.
    std::vector<std::string> last_key;
    {
        pqxx::read_transaction tx(conn());
        total = std::max<long long>(0, tx.exec_params1("SELECT reltuples::bigint FROM pg_catalog.pg_class WHERE oid = "
                                                       "pg_catalog.to_regclass($1)",
                                                       j.update.table)[0]
                                           .as<long long>());
        std::vector<std::string> key_texts;
        for (const auto& k : keys) key_texts.push_back(k + "::text");
        auto r = tx.exec("SELECT array_to_json(ARRAY[" + join(key_texts, ", ") + "])::text FROM " + j.update.table + " ORDER BY " +
                         join(keys, " DESC, ") + " DESC LIMIT 1");
        if (!r.empty()) last_key = json_texts(r[0][0]);
    }
    if (last_key.empty() && phase == "scan") phase = "sweep";  // an empty table
    log_.emit(std::string(cursor.empty() && phase == "scan" ? "backfilling " : "resuming ") + plan_id + " step " + step + ": " +
                  j.step->summary + " (key " + join(keys, ", ") +
                  (total > 0 ? ", about " + std::to_string(total) + " rows)" : ", size unknown until the table is analyzed)"),
              {{"event", "backfill_start"}, {"plan", plan_id}, {"step", j.step->number}, {"key", kc}, {"cursor", cursor},
               {"rows_estimated", total}});

    // 1. keyset batches, FOR UPDATE SKIP LOCKED; keys skipped are remembered
    while (phase == "scan") {
        if (out_of_time()) throw Stop("");
        auto tb = Clock::now();
        bool more = true;
        long long n_batch = 0, n_updated = 0, n_skipped = 0;
        with_retries(j, "a batch", [&](pqxx::dbtransaction& tx) {
            // The cursor is read under a row lock in the batch's own
            // transaction: a retry after a lost connection (the commit's
            // outcome unknown) starts from what was really committed.
            auto c = tx.exec_params1("SELECT coalesce(array_to_json(cursor)::text, '') FROM " + hist_.table("backfills") +
                                         " WHERE plan_id = $1 AND step = $2 FOR UPDATE",
                                     plan_id, j.step->number);
            cursor = json_texts(c[0]);
            std::string after = " WHERE " + row_of(keys) + " <= " + cursor_row(last_key);
            if (!cursor.empty()) after += " AND " + row_of(keys) + " > " + cursor_row(cursor);
            std::string range = cursor.empty() ? "" : row_of(keys) + " > " + cursor_row(cursor) + " AND ";
            std::string sql =
                "WITH pgkeel_batch AS (SELECT ctid AS pgkeel_ctid, " + join(selected, ", ") + " FROM " + j.update.table + after + " ORDER BY " +
                join(keys, ", ") + " LIMIT " + std::to_string(j.batch_size) + " FOR UPDATE SKIP LOCKED), pgkeel_last AS (SELECT " +
                join(aliases, ", ") + " FROM pgkeel_batch ORDER BY " + join(aliases, " DESC, ") + " DESC LIMIT 1), pgkeel_updated AS (UPDATE " +
                j.update.table + " SET " + set + " WHERE ctid = ANY (ARRAY(SELECT pgkeel_ctid FROM pgkeel_batch))" + where +
                " RETURNING 1), pgkeel_skipped AS (INSERT INTO " + hist_.table("backfill_skipped") + " (plan_id, step, key) SELECT " +
                quote_literal(plan_id) + ", " + step + ", ARRAY[" + join(keys, "::text, ") + "::text] FROM " + j.update.table + " WHERE " +
                range + row_of(keys) + " <= (SELECT " + join(aliases, ", ") + " FROM pgkeel_last) AND " + row_of(keys) +
                " NOT IN (SELECT " + join(aliases, ", ") + " FROM pgkeel_batch) ON CONFLICT DO NOTHING RETURNING 1) SELECT (SELECT "
                "array_to_json(ARRAY[" + join(texts, ", ") + "])::text FROM pgkeel_last), (SELECT count(*) FROM pgkeel_batch), "
                "(SELECT count(*) FROM pgkeel_updated), (SELECT count(*) FROM pgkeel_skipped)";
            auto r = tx.exec(sql)[0];
            n_batch = r[1].as<long long>();
            n_updated = r[2].as<long long>();
            n_skipped = r[3].as<long long>();
            std::vector<std::string> next = r[0].is_null() ? cursor : json_texts(r[0]);
            more = n_batch > 0;
            tx.exec_params("UPDATE " + hist_.table("backfills") + " SET cursor = " + text_array(next) +
                               ", rows_scanned = rows_scanned + $3, rows_updated = rows_updated + $4, rows_skipped = rows_skipped + $5, "
                               "batches = batches + 1, batch_size = $6, phase = CASE WHEN $7 THEN 'scan' ELSE 'sweep' END, updated_at = "
                               "clock_timestamp() WHERE plan_id = $1 AND step = $2",
                           plan_id, j.step->number, n_batch, n_updated, n_skipped, j.batch_size, more);
            if (kill_after_ > 0 && ++batches_run_ == kill_after_) std::raise(SIGKILL);  // fault injection (crash tests)
        });
        scanned += n_batch;
        updated += n_updated;
        if (!more) phase = "sweep";
        progress(j, scanned, std::max(total, scanned), false);
        // adapt the batch size toward the target duration
        long long ms = std::max<long long>(1, elapsed_ms(tb));
        double factor = std::clamp(static_cast<double>(o_.target_batch.count()) / static_cast<double>(ms), 0.5, 2.0);
        if (more && n_batch == j.batch_size) j.batch_size = std::clamp(static_cast<int>(j.batch_size * factor), 10, 100000);
        if (more && o_.pause.count() > 0) std::this_thread::sleep_for(o_.pause);
    }
    progress(j, scanned, std::max(total, scanned), true);

    // 2. the sweep: rows skipped because they were locked, now waited for (lock_timeout, retried)
    for (;;) {
        if (out_of_time()) throw Stop("");
        long long n = 0;
        with_retries(j, "the sweep of locked rows", [&](pqxx::dbtransaction& tx) {
            std::vector<std::string> casts;
            for (std::size_t i = 0; i < kc.size(); ++i)
                casts.push_back("s.key[" + std::to_string(i + 1) + "]::" + j.key.types[i]);
            std::string keyset = "SELECT key FROM " + hist_.table("backfill_skipped") + " WHERE plan_id = " + quote_literal(plan_id) +
                                 " AND step = " + step + " ORDER BY key LIMIT " + std::to_string(j.batch_size);
            auto r = tx.exec("WITH pgkeel_keys AS (" + keyset + "), pgkeel_updated AS (UPDATE " + j.update.table + " SET " + set +
                             " FROM pgkeel_keys s WHERE " + row_of(tkeys) + " = " + row_of(casts) + where +
                             " RETURNING 1), pgkeel_gone AS (DELETE FROM " + hist_.table("backfill_skipped") + " d USING pgkeel_keys k WHERE "
                             "d.plan_id = " + quote_literal(plan_id) + " AND d.step = " + step + " AND d.key = k.key RETURNING 1) SELECT "
                             "(SELECT count(*) FROM pgkeel_gone), (SELECT count(*) FROM pgkeel_updated)")[0];
            n = r[0].as<long long>();
            updated += r[1].as<long long>();
            tx.exec_params("UPDATE " + hist_.table("backfills") + " SET rows_updated = rows_updated + $3, updated_at = clock_timestamp() "
                           "WHERE plan_id = $1 AND step = $2",
                           plan_id, j.step->number, r[1].as<long long>());
        });
        if (n == 0) break;
        log_.emit("  swept " + std::to_string(n) + " rows that were locked during the scan",
                  {{"event", "sweep"}, {"plan", plan_id}, {"step", j.step->number}, {"rows", n}});
    }

    // 3. done: the effect must hold; recorded, so apply runs the post phase
    with_retries(j, "recording the backfill", [&](pqxx::dbtransaction& tx) {
        if (!j.step->fingerprint.empty()) {
            tx.exec("SELECT pg_catalog.set_config('search_path', '', true)");
            if (!tx.exec("SELECT (" + j.step->fingerprint + ")::boolean")[0][0].as<bool>())
                throw Stop(plan_id + " step " + step + " (" + j.step->summary + "): every row was visited, but the effect does not " +
                           "hold (does the expression give NULL for some rows?): " + j.step->fingerprint);
        }
        tx.exec_params("UPDATE " + hist_.table("backfills") + " SET phase = 'done', finished_at = clock_timestamp() WHERE plan_id = $1 AND "
                       "step = $2",
                       plan_id, j.step->number);
        HistoryRow row = history_row(*j.plan, *j.step, StepStatus::Applied);
        row.duration_ms = elapsed_ms(t0_);
        hist_.record(tx, row);
    });
    log_.emit("done: " + plan_id + " step " + step + ": " + std::to_string(scanned) + " rows scanned, " + std::to_string(updated) +
                  " updated (" + ms_text(elapsed_ms(t0_)) + ")",
              {{"event", "backfill_done"}, {"plan", plan_id}, {"step", j.step->number}, {"rows_scanned", scanned},
               {"rows_updated", updated}, {"duration_ms", elapsed_ms(t0_)}});
}

int Runner::run(const std::vector<ExecPlan>& plans) {
    std::map<std::pair<std::string, int>, HistoryRow> rows;
    {
        pqxx::read_transaction tx(conn());
        rows = hist_.read(tx);
    }
    auto done = [&](const ExecPlan& p, const ExecStep& s) {
        auto it = rows.find({p.id, s.number});
        return it != rows.end() && it->second.done();
    };
    // eligible: a backfill step not done whose plan's earlier steps are all done
    std::vector<std::pair<const ExecPlan*, const ExecStep*>> eligible, waiting;
    for (const auto& p : plans) {
        bool before_done = true;
        for (const auto& s : p.steps) {
            if (s.kind == "backfill" && !done(p, s)) (before_done ? eligible : waiting).emplace_back(&p, &s);
            if (s.kind != "backfill" && !done(p, s)) before_done = false;
        }
    }
    auto matches = [](const ExecPlan& p, const ExecStep& s, const std::string& key) {
        std::string obj = s.object.substr(s.object.find(' ') + 1);
        return key == p.id + ":" + std::to_string(s.number) || key == s.object || key == obj;
    };
    if (!o_.only.empty()) {
        for (const auto& k : o_.only) {
            bool any = false;
            for (const auto& p : plans)
                for (const auto& s : p.steps)
                    any |= s.kind == "backfill" && matches(p, s, k);
            if (!any) {
                std::vector<std::string> known;
                for (const auto& p : plans)
                    for (const auto& s : p.steps)
                        if (s.kind == "backfill") known.push_back(p.id + ":" + std::to_string(s.number) + " (" + s.object + ")");
                throw_input("--only " + k + ": no backfill step has that key" +
                            (known.empty() ? "; the plans have none" : "; the backfills are: " + join(known, ", ")));
            }
        }
        std::erase_if(eligible, [&](const auto& e) {
            return std::none_of(o_.only.begin(), o_.only.end(), [&](const std::string& k) { return matches(*e.first, *e.second, k); });
        });
    }
    for (const auto& [p, s] : waiting)
        log_.emit("waiting for apply: " + p->id + " step " + std::to_string(s->number) + " (" + s->summary + "): its plan's pre phase is not applied yet",
                  {{"event", "backfill_waiting"}, {"plan", p->id}, {"step", s->number}});
    if (eligible.empty()) {
        log_.emit("nothing to backfill", {{"event", "summary"}, {"backfills", 0}});
        return 0;
    }
    // Every step checked before anything runs: its UPDATE, and a key to walk.
    std::vector<Job> jobs;
    {
        pqxx::read_transaction tx(conn());
        for (const auto& [p, s] : eligible) {
            Job j{p, s, parse_update(*s, p->id + "/plan.json"), {}, o_.batch_size > 0 ? o_.batch_size : 1000};
            auto key = find_key(tx, j.update.table);
            if (!key)
                throw Error(ErrorKind::Database, p->id + " step " + std::to_string(s->number) + " (" + s->summary + "): table " +
                                                     j.update.table + " has no primary key and no unique index over NOT NULL columns; "
                                                     "a backfill walks the table in key order and needs one. Nothing was run.");
            j.key = *key;
            jobs.push_back(std::move(j));
        }
    }
    hist_.ensure(conn());
    Lease lease(hist_, with_params(conninfo_, {{"application_name", "pgkeel lease " + holder_}}), holder_, o_.lease_ttl, "backfill");
    lease.acquire(o_.lease_wait);
    try {
        for (auto& j : jobs) {
            if (!lease.held()) throw Stop("the backfill lease was taken over by another pgkeel; stopped");
            run_job(j);
        }
    } catch (const Stop& e) {
        lease.release();
        if (std::string(e.what()).empty()) {
            log_.emit("stopped by --max-minutes after " + ms_text(elapsed_ms(t0_)) + "; run again to resume where it stopped",
                      {{"event", "stopped"}, {"reason", "max_minutes"}, {"duration_ms", elapsed_ms(t0_)}});
            return o_.strict ? 1 : 0;
        }
        std::cerr << "pgkeel: " << e.what() << "\n";
        log_.emit("", {{"event", "failed"}, {"error", e.what()}});
        return 1;
    }
    lease.release();
    log_.emit("backfills done: " + std::to_string(jobs.size()) + (jobs.size() == 1 ? " step" : " steps") +
                  "; run pgkeel apply for the post phase",
              {{"event", "summary"}, {"backfills", jobs.size()}, {"duration_ms", elapsed_ms(t0_)}});
    return 0;
}

}  // namespace

int backfill(const std::vector<ExecPlan>& plans, const BackfillOptions& opts) {
    Runner r(opts);
    return r.run(plans);
}

}  // namespace pgkeel::exec
