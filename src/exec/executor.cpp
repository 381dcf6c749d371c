#include "exec/executor.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "common/error.hpp"
#include "common/quote.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "diff/diff.hpp"
#include "exec/conninfo.hpp"
#include "exec/db.hpp"
#include "exec/dev_db.hpp"
#include "exec/history.hpp"
#include "exec/log.hpp"
#include "exec/process.hpp"
#include "load/live_loader.hpp"
#include "load/source.hpp"
#include "parse/pg_tree.hpp"

namespace pgkeel::exec {

using nlohmann::json;

// ------------------------------------------------------------------ plans

ExecPlan exec_plan(const plan::Plan& p, catalog::Catalog source, catalog::Catalog target) {
    ExecPlan out;
    out.id = p.id;
    out.parent = p.parent;
    out.source = std::move(source);
    out.target = std::move(target);
    for (const auto& s : p.steps) {
        ExecStep e;
        e.number = s.number;
        e.phase = diff::phase_name(s.change.phase);
        e.kind = diff::change_kind_name(s.change.kind);
        e.object = s.change.key.str();
        e.summary = s.change.summary;
        e.sql = s.change.sql;
        e.transactional = s.change.transactional;
        e.lock = diff::lock_name(s.change.lock);
        e.lock_target = s.change.lock_target;
        for (const auto& h : s.change.hazards) e.hazards.push_back(diff::hazard_name(h.hazard));
        e.fingerprint = s.change.fingerprint;
        e.sha256 = s.sha256;
        out.steps.push_back(std::move(e));
    }
    return out;
}

ExecPlan exec_plan_from_json(const std::string& text, const std::string& file) {
    auto j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw_input("not valid JSON", {file, 1, 1});
    auto str = [&](const json& o, const char* key) {
        if (!o.contains(key) || !o[key].is_string()) throw_input(std::string("plan.json: `") + key + "` is missing or not a string", {file, 0, 0});
        return o[key].get<std::string>();
    };
    if (j.value("format", "") != "pgkeel-plan/1") throw_input("plan.json: format is not pgkeel-plan/1", {file, 0, 0});
    ExecPlan p;
    p.id = str(j, "id");
    p.parent = j.contains("parent") && j["parent"].is_string() ? j["parent"].get<std::string>() : "";
    if (!j.contains("steps") || !j["steps"].is_array()) throw_input("plan.json: `steps` is missing", {file, 0, 0});
    for (const auto& s : j["steps"]) {
        ExecStep e;
        if (!s.is_object() || !s.contains("step") || !s["step"].is_number_integer()) throw_input("plan.json: a step has no number", {file, 0, 0});
        e.number = s["step"].get<int>();
        e.phase = str(s, "phase");
        e.kind = str(s, "kind");
        e.object = str(s, "object");
        e.summary = str(s, "summary");
        e.sql = str(s, "sql");
        e.transactional = s.value("transactional", true);
        e.lock = str(s, "lock");
        e.lock_target = str(s, "lock_target");
        for (const auto& h : s.value("hazards", json::array())) {
            if (!h.is_object() || !h.contains("hazard") || !h["hazard"].is_string())
                throw_input("plan.json: step " + std::to_string(e.number) + " has a hazard without a name", {file, 0, 0});
            e.hazards.push_back(h["hazard"].get<std::string>());
        }
        e.fingerprint = str(s, "fingerprint");
        e.sha256 = str(s, "sha256");
        if (e.sha256 != sha256_hex(e.sql))
            throw_input("plan.json: step " + std::to_string(e.number) + "'s SQL does not match its sha256 (edited by hand?)", {file, 0, 0});
        p.steps.push_back(std::move(e));
    }
    return p;
}

HistoryRow history_row(const ExecPlan& p, const ExecStep& s, StepStatus status) {
    HistoryRow r;
    r.plan_id = p.id;
    r.step = s.number;
    r.sha256 = s.sha256;
    r.kind = s.kind;
    r.summary = s.summary;
    r.status = status;
    r.pgkeel_version = PGKEEL_VERSION;
    return r;
}

catalog::Catalog live_schema(const std::string& db, const std::string& history_schema, std::string* user) {
    auto live = load::load_live(db, {history_schema});
    catalog::strip_owner(live.catalog, live.current_user);
    if (user != nullptr) *user = live.current_user;
    return std::move(live.catalog);
}

std::vector<plan::Step> differences(const catalog::Catalog& from, const catalog::Catalog& to) {
    return plan::order(diff::diff(catalog::without_directives(from), catalog::without_directives(to)));
}

catalog::Catalog comparable_target(const std::string& spec, DevDatabase& dev, const std::string& live_user,
                                   const std::string& history_schema) {
    auto src = load::resolve_source(spec);
    if (src.kind == load::SourceKind::Database) return live_schema(src.spec, history_schema);
    catalog::Catalog declared = load::load_source(src);
    catalog::Catalog out = dev.normalize(declared, live_user);
    catalog::copy_directives(declared, out);
    return out;
}

std::map<std::string, plan::TableSize> table_sizes(const std::string& db, const plan::Plan& p) {
    std::map<std::string, plan::TableSize> out;
    std::set<std::string> tables;
    for (const auto& s : p.steps)
        if (!s.change.lock_target.empty()) tables.insert(s.change.lock_target);
    if (tables.empty()) return out;
    try {
        pqxx::connection c(with_params(db, {{"application_name", "pgkeel plan"}}));
        pqxx::read_transaction tx(c);
        for (const auto& t : tables) {
            auto r = tx.exec_params("SELECT c.reltuples::bigint, pg_catalog.pg_total_relation_size(c.oid) FROM pg_catalog.pg_class c WHERE "
                                    "c.oid = pg_catalog.to_regclass($1)",
                                    t);
            if (!r.empty()) out[t] = {r[0][0].as<long long>(), r[0][1].as<long long>()};
        }
    } catch (const pqxx::broken_connection& e) {
        throw Error(ErrorKind::Database, "cannot connect to the database for table sizes: " + trimmed(e.what()));
    }
    return out;
}

namespace {

std::string interval(std::chrono::milliseconds ms) { return std::to_string(ms.count()) + "ms"; }

// A step that may not share a transaction: it rewrites or scans a whole table,
// or fills rows, and no other lock should be held while it does.
bool runs_alone(const ExecStep& s) {
    for (const auto& h : s.hazards)
        if (h == "TABLE_REWRITE" || h == "VALIDATION_SCAN" || h == "BACKFILL") return true;
    return false;
}

// Non-transactional steps that PostgreSQL 15 still allows in a transaction
// block of their own (ALTER TYPE ... ADD VALUE), so SET LOCAL reaches them.
bool own_transaction(const ExecStep& s) { return !s.transactional && s.kind == "add_enum_value"; }

// The index a CREATE INDEX step builds, quoted (for dropping an INVALID leftover).
std::optional<std::string> built_index(const ExecStep& s) {
    if (s.kind != "create_index") return std::nullopt;
    try {
        auto tree = parse::ParseTree::parse(s.sql);
        for (const auto& st : tree.statements()) {
            if (st.node == nullptr || st.node->node_case != PG_QUERY__NODE__NODE_INDEX_STMT) continue;
            const auto* is = st.node->index_stmt;
            if (is->idxname == nullptr || *is->idxname == '\0' || is->relation == nullptr) continue;
            return quote_qualified(is->relation->schemaname != nullptr ? is->relation->schemaname : "", is->idxname);
        }
    } catch (const Error&) {
    }
    return std::nullopt;
}

// A step ran but its fingerprint does not hold afterwards.
struct StepFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// The run stops: a step failed (its error, and who blocked it on a lock timeout).
struct StepFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Fault {
    // Fault injection for the crash tests: PGKEEL_TEST_KILL_AFTER_STEP=N kills
    // the process (SIGKILL) right after the N-th statement it runs, before
    // that step is committed or recorded.
    int kill_after = [] {
        const char* v = std::getenv("PGKEEL_TEST_KILL_AFTER_STEP");
        return v != nullptr ? std::atoi(v) : 0;
    }();
    int ran = 0;
    void after_statement() {
        if (kill_after > 0 && ++ran == kill_after) std::raise(SIGKILL);
    }
};

enum class Decision { Skip, Reconcile, Run };
const char* decision_name(Decision d) {
    switch (d) {
        case Decision::Skip: return "SKIP";
        case Decision::Reconcile: return "RECONCILE";
        case Decision::Run: return "RUN";
    }
    return "RUN";
}

struct Finding {
    std::string check;
    std::vector<std::string> details;
};

// ------------------------------------------------------------------ executor

class Executor {
public:
    Executor(const std::vector<ExecPlan>& plans, const ApplyOptions& o, DevDatabase& dev)
        : plans_(plans), o_(o), dev_(dev), hist_(o.history_schema), log_(o.json_log) {
        holder_ = holder_id();
        app_name_ = "pgkeel apply " + holder_;
        conninfo_ = with_params(o.db, {{"application_name", app_name_}});
    }

    int run();

private:
    // --- database access
    pqxx::connection& conn() {
        if (!conn_) conn_ = connect(conninfo_);
        return *conn_;
    }
    void read_history() {
        pqxx::work tx(conn());
        rows_ = hist_.read(tx);
        tx.commit();
    }
    const HistoryRow* row(const ExecPlan& p, const ExecStep& s) const {
        auto it = rows_.find({p.id, s.number});
        return it == rows_.end() ? nullptr : &it->second;
    }
    bool done(const ExecPlan& p, const ExecStep& s) const {
        const auto* r = row(p, s);
        return r != nullptr && r->done();
    }
    // Settings of a transaction, all SET LOCAL (pooler-safe).
    void set_local(pqxx::dbtransaction& tx) const {
        tx.exec_params("SELECT pg_catalog.set_config('lock_timeout', $1, true), pg_catalog.set_config('statement_timeout', $2, true)",
                       interval(o_.lock_timeout), interval(o_.statement_timeout));
    }
    // Fingerprints are evaluated with an empty search_path (they are qualified).
    bool holds(pqxx::dbtransaction& tx, const ExecStep& s) const {
        if (s.fingerprint.empty()) return false;  // no catalog predicate (a data move): never reconciled
        auto saved = tx.exec("SELECT pg_catalog.current_setting('search_path')")[0][0].as<std::string>();
        tx.exec("SELECT pg_catalog.set_config('search_path', '', true)");
        // In a savepoint: a predicate over a column an earlier step adds
        // cannot even be planned before that step; it does not hold.
        bool result = false;
        try {
            pqxx::subtransaction sub(tx, "pgkeel_fingerprint");
            result = sub.exec("SELECT (" + s.fingerprint + ")::boolean")[0][0].as<bool>();
            sub.commit();
        } catch (const pqxx::sql_error& e) {
            std::string state = e.sqlstate();
            if (state != "42703" && state != "42P01" && state != "42883" && state != "42704") throw;  // undefined column, table, function, object
        }
        tx.exec_params("SELECT pg_catalog.set_config('search_path', $1, true)", saved);
        return result;
    }
    // Records the step as failed; returns the error that stops the run.
    StepFailure fail(const ExecPlan& p, const ExecStep& s, const std::string& error, long long ms) {
        try {
            pqxx::work tx(conn());
            auto r = history_row(p, s, StepStatus::Failed);
            r.error = error;
            r.duration_ms = ms;
            hist_.record(tx, r);
            tx.commit();
        } catch (const std::exception&) {
            // the connection may be what failed; the error is reported anyway
        }
        return StepFailure(p.id + " step " + std::to_string(s.number) + " (" + s.summary + ") failed: " + error + "\n  SQL: " + s.sql);
    }
    std::string blockers(const ExecStep& s);
    bool lock_retry(const ExecPlan& p, const ExecStep& s, const char* what, int attempt, std::chrono::milliseconds& delay,
                    std::string& error);

    // --- phases of a run
    bool check_history_unchanged();
    std::vector<std::pair<const ExecPlan*, const ExecStep*>> pending() const;
    int gate_hazards(const std::vector<std::pair<const ExecPlan*, const ExecStep*>>& todo);
    int dry_run(const std::vector<std::pair<const ExecPlan*, const ExecStep*>>& todo);
    std::vector<Finding> preflight(const std::vector<std::pair<const ExecPlan*, const ExecStep*>>& todo);
    std::vector<Finding> postflight(const ExecPlan& last, bool check_target);
    void report(const char* name, const std::vector<Finding>& findings, bool ok_means_pass);
    int finish(const std::vector<Finding>& post, Clock::time_point t0);
    void backup();
    void check_source(const ExecPlan& p);
    bool apply_plan(const ExecPlan& p);
    void run_group(const ExecPlan& p, const std::vector<const ExecStep*>& group);
    void run_outside(const ExecPlan& p, const ExecStep& s);
    void log_step(const ExecPlan& p, const ExecStep& s, Decision d, long long ms, int retries, long long lock_wait_ms);
    void lease_check() const {
        if (lease_ && !lease_->held())
            throw Error(ErrorKind::Database, "the executor lease was taken over by another pgkeel (heartbeats failed); stopped");
    }
    const catalog::Catalog& normalized(const catalog::Catalog& declared) {
        auto fp = catalog::fingerprint(declared);
        auto it = normalized_.find(fp);
        if (it == normalized_.end()) it = normalized_.emplace(fp, dev_.normalize(declared, live_user_)).first;
        return it->second;
    }
    catalog::Catalog live() { return live_schema(conninfo_, o_.history_schema, &live_user_); }

    const std::vector<ExecPlan>& plans_;
    const ApplyOptions& o_;
    DevDatabase& dev_;
    History hist_;
    Log log_;
    std::string holder_, app_name_, conninfo_, live_user_;
    std::unique_ptr<pqxx::connection> conn_;
    std::unique_ptr<Lease> lease_;
    std::map<std::pair<std::string, int>, HistoryRow> rows_;
    std::map<std::string, catalog::Catalog> normalized_;
    Fault fault_;
    int ran_ = 0, reconciled_ = 0, skipped_ = 0;
    std::vector<std::string> pending_backfills_;  // where the run stopped
};

bool Executor::check_history_unchanged() {
    std::vector<std::string> changed;
    for (const auto& p : plans_)
        for (const auto& s : p.steps)
            if (const auto* r = row(p, s); r != nullptr && r->done() && r->sha256 != s.sha256)
                changed.push_back(p.id + " step " + std::to_string(s.number) + " (" + s.summary + "): applied with sha256 " +
                                  r->sha256.substr(0, 12) + "..., the plan now has " + s.sha256.substr(0, 12) + "...");
    if (changed.empty()) return true;
    std::cerr << "pgkeel: history changed: steps already applied differ from their plan files; nothing was run:\n";
    for (const auto& c : changed) std::cerr << "  " << c << "\n";
    return false;
}

std::vector<std::pair<const ExecPlan*, const ExecStep*>> Executor::pending() const {
    std::vector<std::pair<const ExecPlan*, const ExecStep*>> out;
    for (const auto& p : plans_)
        for (const auto& s : p.steps)
            if (!done(p, s)) out.emplace_back(&p, &s);
    return out;
}

int Executor::gate_hazards(const std::vector<std::pair<const ExecPlan*, const ExecStep*>>& todo) {
    if (o_.allow_all_hazards) return 0;
    std::vector<std::string> lines;
    std::set<std::string> names;
    for (const auto& [p, s] : todo) {
        std::vector<std::string> bad;
        for (const auto& h : s->hazards)
            if (!o_.allowed_hazards.contains(h)) bad.push_back(h);
        if (bad.empty()) continue;
        names.insert(bad.begin(), bad.end());
        lines.push_back(p->id + " step " + std::to_string(s->number) + ": " + s->summary + " [" + join(bad, ", ") + "]");
    }
    if (lines.empty()) return 0;
    std::cerr << "pgkeel: the pending steps have hazards that are not allowed; nothing was run:\n";
    for (const auto& l : lines) std::cerr << "  " << l << "\n";
    std::cerr << "pgkeel: review them, then pass --allow-hazards=" << join(std::vector<std::string>(names.begin(), names.end()), ",")
              << " (or --allow-hazards for all)\n";
    log_.emit("", {{"event", "hazards_refused"}, {"hazards", names}});
    return 4;
}

int Executor::dry_run(const std::vector<std::pair<const ExecPlan*, const ExecStep*>>& todo) {
    pqxx::read_transaction tx(conn());
    std::set<std::pair<std::string, int>> todo_keys;
    for (const auto& [p, s] : todo) todo_keys.insert({p->id, s->number});
    int counts[3] = {0, 0, 0};
    for (const auto& p : plans_) {
        for (const auto& s : p.steps) {
            Decision d = !todo_keys.contains({p.id, s.number}) ? Decision::Skip : holds(tx, s) ? Decision::Reconcile : Decision::Run;
            ++counts[static_cast<int>(d)];
            std::string text = p.id + " step " + std::to_string(s.number) + " " + decision_name(d) + ": " + s.summary;
            if (d == Decision::Run) text += "\n    " + s.sql + (s.transactional ? "" : "   -- [no transaction]");
            log_.emit(text, {{"event", "step"}, {"plan", p.id}, {"step", s.number}, {"decision", decision_name(d)},
                             {"summary", s.summary}, {"sql", s.sql}, {"dry_run", true}});
        }
    }
    log_.emit("dry run: " + std::to_string(counts[2]) + " to run, " + std::to_string(counts[1]) + " to reconcile, " +
                  std::to_string(counts[0]) + " already applied; nothing was written",
              {{"event", "summary"}, {"dry_run", true}, {"run", counts[2]}, {"reconcile", counts[1]}, {"skip", counts[0]}});
    return 0;
}

// Who holds locks on the step's table: the blocking pid, its query and its age.
std::string Executor::blockers(const ExecStep& s) {
    try {
        pqxx::connection c(conninfo_);
        pqxx::read_transaction tx(c);
        std::string where = s.lock_target.empty() ? "l.relation IS NOT NULL" : "l.relation = pg_catalog.to_regclass($1)";
        auto rows = tx.exec_params(
            "SELECT DISTINCT ON (a.pid) a.pid, l.mode, coalesce(a.state, ''), "
            "pg_catalog.date_trunc('second', now() - coalesce(a.xact_start, a.query_start))::text, "
            "left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 200) FROM pg_catalog.pg_locks l JOIN "
            "pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE l.granted AND a.pid <> pg_catalog.pg_backend_pid() AND "
            "a.datname = current_database() AND coalesce(a.application_name, '') <> $2 AND " + where +
                " ORDER BY a.pid LIMIT 5",
            s.lock_target, app_name_);
        std::string out;
        for (const auto& r : rows)
            out += std::string(out.empty() ? "" : "; ") + "pid " + r[0].c_str() + " holds " + r[1].c_str() + " (" + r[2].c_str() +
                   " for " + r[3].c_str() + "): " + r[4].c_str();
        return out;
    } catch (const std::exception&) {
        return {};
    }
}

// A step waited for a lock past the lock timeout: with retries left, logs it
// with who holds the lock, backs off (doubling, at most 30 s) and returns
// true; otherwise sets `error` to the final message naming the blocker.
bool Executor::lock_retry(const ExecPlan& p, const ExecStep& s, const char* what, int attempt, std::chrono::milliseconds& delay,
                          std::string& error) {
    std::string who = blockers(s);
    if (attempt < o_.lock_retries) {
        log_.emit("  " + p.id + " step " + std::to_string(s.number) + ": " + what + " " + ms_text(o_.lock_timeout.count()) +
                      (who.empty() ? "" : " (" + who + ")") + "; retry " + std::to_string(attempt + 1) + "/" +
                      std::to_string(o_.lock_retries) + " in " + ms_text(delay.count()),
                  {{"event", "lock_timeout"}, {"plan", p.id}, {"step", s.number}, {"attempt", attempt + 1}, {"blockers", who},
                   {"retry_in_ms", delay.count()}});
        std::this_thread::sleep_for(delay);
        delay = std::min(delay * 2, std::chrono::milliseconds(30000));
        return true;
    }
    error = "lock timeout (" + ms_text(o_.lock_timeout.count()) + ", " + std::to_string(attempt + 1) + " attempts): " +
            (who.empty() ? "the blocking session ended before it could be named" : "blocked by " + who);
    return false;
}

void Executor::log_step(const ExecPlan& p, const ExecStep& s, Decision d, long long ms, int retries, long long lock_wait_ms) {
    std::string text = "  " + p.id + " step " + std::to_string(s.number) + "/" + std::to_string(p.steps.size()) + " " +
                       decision_name(d) + "  " + s.summary;
    if (d == Decision::Run) text += "  (" + ms_text(ms) + (retries > 0 ? ", " + std::to_string(retries) + " retries" : "") + ")";
    log_.emit(text, {{"event", "step"},
                     {"plan", p.id},
                     {"step", s.number},
                     {"kind", s.kind},
                     {"summary", s.summary},
                     {"decision", decision_name(d)},
                     {"duration_ms", ms},
                     {"retries", retries},
                     {"lock_wait_ms", lock_wait_ms}});
    switch (d) {
        case Decision::Skip: ++skipped_; break;
        case Decision::Reconcile: ++reconciled_; break;
        case Decision::Run: ++ran_; break;
    }
}

// Transactional steps: one transaction, SET LOCAL timeouts; each step
// reconciled or run, its fingerprint checked, its history row written; a lock
// timeout rolls the group back and retries it with backoff.
void Executor::run_group(const ExecPlan& p, const std::vector<const ExecStep*>& group) {
    auto delay = o_.retry_delay;
    long long lock_wait_ms = 0;
    for (int attempt = 0;; ++attempt) {
        lease_check();
        const ExecStep* current = nullptr;
        auto t_attempt = Clock::now();
        std::vector<std::pair<Decision, long long>> results;
        try {
            pqxx::work tx(conn());
            set_local(tx);
            for (const auto* s : group) {
                current = s;
                auto t0 = Clock::now();
                Decision d = holds(tx, *s) ? Decision::Reconcile : Decision::Run;
                if (d == Decision::Run) {
                    tx.exec(s->sql);
                    fault_.after_statement();
                    if (!s->fingerprint.empty() && !holds(tx, *s)) throw StepFailed("the step ran, but its effect does not hold (fingerprint false)");
                }
                auto r = history_row(p, *s, d == Decision::Run ? StepStatus::Applied : StepStatus::Reconciled);
                r.duration_ms = elapsed_ms(t0);
                hist_.record(tx, r);
                results.emplace_back(d, *r.duration_ms);
            }
            tx.commit();
            for (std::size_t i = 0; i < group.size(); ++i) {
                log_step(p, *group[i], results[i].first, results[i].second, attempt, lock_wait_ms);
                rows_[{p.id, group[i]->number}] = history_row(p, *group[i], StepStatus::Applied);
            }
            return;
        } catch (const pqxx::sql_error& e) {
            std::string state = e.sqlstate();
            std::string msg = trimmed(e.what()) + " [SQLSTATE " + state + "]";
            if (current == nullptr) throw Error(ErrorKind::Database, msg);
            if (state == "55P03") {
                lock_wait_ms += elapsed_ms(t_attempt);
                if (lock_retry(p, *current, "lock timeout after", attempt, delay, msg)) continue;
            }
            throw fail(p, *current, msg, elapsed_ms(t_attempt));
        } catch (const StepFailed& e) {
            throw fail(p, *current, e.what(), elapsed_ms(t_attempt));
        }
    }
}

// A step outside any transaction (CONCURRENTLY). Its history row says
// `running` while it runs; a watchdog on a second connection cancels it when
// it waits for a lock longer than the lock timeout, or runs past the
// statement timeout (SET LOCAL cannot reach a statement outside a
// transaction, and a session SET would leak through a pooler). An INVALID
// index left by a failed build is dropped before the retry.
void Executor::run_outside(const ExecPlan& p, const ExecStep& s) {
    auto delay = o_.retry_delay;
    long long lock_wait_ms = 0;
    auto index = built_index(s);
    for (int attempt = 0;; ++attempt) {
        lease_check();
        auto t0 = Clock::now();
        {
            pqxx::work tx(conn());
            if (holds(tx, s)) {
                hist_.record(tx, history_row(p, s, StepStatus::Reconciled));
                tx.commit();
                log_step(p, s, Decision::Reconcile, 0, attempt, lock_wait_ms);
                rows_[{p.id, s.number}] = history_row(p, s, StepStatus::Reconciled);
                return;
            }
            hist_.record(tx, history_row(p, s, StepStatus::Running));
            tx.commit();
        }
        if (index) {
            pqxx::read_transaction tx(conn());
            bool invalid = tx.exec_params("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indexrelid = "
                                          "pg_catalog.to_regclass($1) AND NOT i.indisvalid)",
                                          *index)[0][0]
                               .as<bool>();
            tx.commit();
            if (invalid) {
                pqxx::nontransaction nt(conn());
                nt.exec("DROP INDEX CONCURRENTLY IF EXISTS " + *index);
                log_.emit("  " + p.id + " step " + std::to_string(s.number) + ": dropped the INVALID index " + *index +
                              " a failed build left",
                          {{"event", "invalid_index_dropped"}, {"plan", p.id}, {"step", s.number}, {"index", *index}});
            }
        }
        // The watchdog: cancels the statement (through the server, so it
        // works through a pooler) on a long lock wait or past the timeout.
        std::atomic<bool> finished{false};
        std::atomic<int> cancelled{0};  // 1 lock wait, 2 statement timeout
        std::thread watchdog([&] {
            try {
                pqxx::connection c(with_params(conninfo_, {{"application_name", "pgkeel watchdog " + holder_}}));
                while (!finished) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                    if (finished) break;
                    pqxx::work tx(c);
                    // Found and cancelled in one statement: through a pooler the
                    // backend serves other clients as soon as the step is done.
                    auto r = tx.exec_params(
                        "SELECT why, pg_catalog.pg_cancel_backend(pid) FROM (SELECT pid, CASE WHEN wait_event_type = 'Lock' AND "
                        "now() - state_change > make_interval(secs => $2 / 1000.0) THEN 1 WHEN $3 > 0 AND now() - query_start > "
                        "make_interval(secs => $3 / 1000.0) THEN 2 END AS why FROM pg_catalog.pg_stat_activity WHERE application_name = $1 "
                        "AND state = 'active' AND backend_type = 'client backend') a WHERE why IS NOT NULL",
                        app_name_, static_cast<long long>(o_.lock_timeout.count()), static_cast<long long>(o_.statement_timeout.count()));
                    for (const auto& row : r) cancelled = row[0].as<int>();
                    tx.commit();
                }
            } catch (const std::exception&) {
                // without a watchdog the statement still runs; only the timeouts are lost
            }
        });
        std::string error, state;
        try {
            pqxx::nontransaction nt(conn());
            nt.exec(s.sql);
        } catch (const pqxx::sql_error& e) {
            error = trimmed(e.what());
            state = e.sqlstate();
        } catch (const pqxx::broken_connection& e) {
            error = trimmed(e.what());
        }
        finished = true;
        watchdog.join();
        long long ms = elapsed_ms(t0);
        if (error.empty()) {
            fault_.after_statement();
            pqxx::work tx(conn());
            if (!s.fingerprint.empty() && !holds(tx, s)) {
                tx.abort();
                error = "the step ran, but its effect does not hold (fingerprint false)";
            } else {
                auto r = history_row(p, s, StepStatus::Applied);
                r.duration_ms = ms;
                hist_.record(tx, r);
                tx.commit();
                log_step(p, s, Decision::Run, ms, attempt, lock_wait_ms);
                rows_[{p.id, s.number}] = r;
                return;
            }
        }
        if (cancelled == 1) {
            lock_wait_ms += ms;
            if (lock_retry(p, s, "lock wait over", attempt, delay, error)) continue;
        } else if (cancelled == 2) {
            error = "statement timeout (" + ms_text(o_.statement_timeout.count()) + ")";
        } else if (!state.empty()) {
            error += " [SQLSTATE " + state + "]";
        }
        throw fail(p, s, error, ms);
    }
}

// A plan none of whose steps is recorded must start from its source schema:
// every difference between the live schema and the source must be the effect
// of one of its own steps that already holds (a change made by hand, which
// the step then reconciles), or all its steps must already hold.
void Executor::check_source(const ExecPlan& p) {
    for (const auto& s : p.steps)
        if (row(p, s) != nullptr) return;  // started before: the history tells where it is
    catalog::Catalog here = live();
    const catalog::Catalog& source = p.declared ? normalized(p.source) : p.source;
    auto diffs = differences(here, source);
    if (diffs.empty()) return;
    std::set<std::string> holding;
    bool all_hold = true;
    {
        pqxx::read_transaction tx(conn());
        for (const auto& s : p.steps) {
            if (holds(tx, s)) holding.insert(s.object);
            else all_hold = false;
        }
    }
    std::vector<std::string> unexplained;
    for (const auto& d : diffs)
        if (!holding.contains(d.change.key.str())) unexplained.push_back(d.change.summary);
    if (all_hold || unexplained.empty()) return;
    std::string msg = "the database is not at plan " + p.id + "'s source schema" +
                      (p.parent.empty() ? " (an empty schema)" : " (plan " + p.parent + "'s target)") +
                      "; nothing of it was run. To bring it there, it would take:";
    for (const auto& u : unexplained) msg += "\n  " + u;
    throw Error(ErrorKind::Database, msg);
}

// Returns false when the plan stopped before a backfill that is not done:
// its post phase must wait for `pgkeel backfill`.
bool Executor::apply_plan(const ExecPlan& p) {
    bool any = false;
    for (const auto& s : p.steps) any |= !done(p, s);
    if (!any) {
        for (const auto& s : p.steps) log_step(p, s, Decision::Skip, 0, 0, 0);
        return true;
    }
    check_source(p);
    log_.emit("applying " + p.id + " (" + std::to_string(p.steps.size()) + " steps)", {{"event", "plan"}, {"plan", p.id}, {"steps", p.steps.size()}});
    std::size_t i = 0;
    while (i < p.steps.size()) {
        const ExecStep& s = p.steps[i];
        if (done(p, s)) {
            log_step(p, s, Decision::Skip, 0, 0, 0);
            ++i;
            continue;
        }
        if (s.kind == "backfill") {
            // A backfill runs in batches (pgkeel backfill), never inside apply;
            // one whose effect already holds (an empty table) is reconciled.
            bool filled = false;
            if (!s.fingerprint.empty()) {
                pqxx::work tx(conn());
                filled = holds(tx, s);
                if (filled) hist_.record(tx, history_row(p, s, StepStatus::Reconciled));
                tx.commit();
            }
            if (!filled) {
                pending_backfills_.push_back(p.id + " step " + std::to_string(s.number) + ": " + s.summary);
                for (std::size_t j = i + 1; j < p.steps.size(); ++j)
                    if (p.steps[j].kind == "backfill" && !done(p, p.steps[j]))
                        pending_backfills_.push_back(p.id + " step " + std::to_string(p.steps[j].number) + ": " + p.steps[j].summary);
                return false;
            }
            log_step(p, s, Decision::Reconcile, 0, 0, 0);
            rows_[{p.id, s.number}] = history_row(p, s, StepStatus::Reconciled);
            ++i;
            continue;
        }
        if (!s.transactional && !own_transaction(s)) {
            run_outside(p, s);
            ++i;
            continue;
        }
        std::vector<const ExecStep*> group = {&s};
        ++i;
        if (!own_transaction(s) && !runs_alone(s)) {
            while (i < p.steps.size()) {
                const ExecStep& n = p.steps[i];
                if (done(p, n) || !n.transactional || runs_alone(n) || n.phase != s.phase) break;
                group.push_back(&n);
                ++i;
            }
        }
        run_group(p, group);
    }
    return true;
}

void Executor::report(const char* name, const std::vector<Finding>& findings, bool enforce) {
    if (o_.json_report || log_.json_lines()) {
        json checks = json::array();
        for (const auto& f : findings) checks.push_back({{"check", f.check}, {"details", f.details}});
        json j = {{"event", name}, {"ok", findings.empty()}, {"findings", checks}};
        if (o_.json_report && !log_.json_lines()) std::cout << j.dump() << "\n";
        else log_.emit("", j);
        return;
    }
    if (findings.empty()) {
        std::cout << name << ": ok\n";
        return;
    }
    std::cout << name << ": " << findings.size() << (findings.size() == 1 ? " finding" : " findings")
              << (enforce ? "" : " (not enforced)") << "\n";
    for (const auto& f : findings) {
        std::cout << "  " << f.check << ":\n";
        for (const auto& d : f.details) std::cout << "    " << d << "\n";
    }
}

std::vector<Finding> Executor::preflight(const std::vector<std::pair<const ExecPlan*, const ExecStep*>>& todo) {
    std::vector<Finding> out;
    pqxx::read_transaction tx(conn());
    // 1. long transactions (30 s by default) hold back locks and vacuum
    {
        Finding f{"transactions open longer than " + ms_text(o_.long_transaction.count()), {}};
        for (const auto& r : tx.exec_params(
                 "SELECT pid, coalesce(usename, ''), coalesce(state, ''), pg_catalog.date_trunc('second', now() - xact_start)::text, "
                 "left(regexp_replace(coalesce(query, ''), '\\s+', ' ', 'g'), 120) FROM pg_catalog.pg_stat_activity WHERE "
                 "xact_start < now() - make_interval(secs => $1 / 1000.0) AND pid <> pg_catalog.pg_backend_pid() AND datname = "
                 "current_database() AND backend_type = 'client backend' AND coalesce(application_name, '') NOT LIKE 'pgkeel %' ORDER "
                 "BY xact_start",
                 static_cast<long long>(o_.long_transaction.count())))
            f.details.push_back(std::string("pid ") + r[0].c_str() + " (" + r[1].c_str() + ", " + r[2].c_str() + ", open " +
                                r[3].c_str() + "): " + r[4].c_str());
        if (!f.details.empty()) out.push_back(f);
    }
    // 2. locks held or awaited on the tables the pending steps touch, by
    //    transactions older than the lock timeout (pgkeel would queue behind them)
    std::set<std::string> targets;
    for (const auto& [p, s] : todo)
        if (!s->lock_target.empty()) targets.insert(s->lock_target);
    {
        Finding f{"locks on tables the plan touches", {}};
        for (const auto& t : targets) {
            for (const auto& r : tx.exec_params(
                     "SELECT l.pid, l.mode, l.granted, pg_catalog.date_trunc('second', now() - coalesce(a.xact_start, "
                     "a.query_start))::text, left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 120) FROM "
                     "pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE l.relation = "
                     "pg_catalog.to_regclass($1) AND l.pid <> pg_catalog.pg_backend_pid() AND now() - coalesce(a.xact_start, "
                     "a.query_start) > make_interval(secs => $2 / 1000.0) AND coalesce(a.application_name, '') NOT LIKE 'pgkeel %' "
                     "ORDER BY l.pid",
                     t, static_cast<long long>(o_.lock_timeout.count())))
                f.details.push_back(t + ": pid " + r[0].c_str() + (r[2].as<bool>() ? " holds " : " awaits ") + r[1].c_str() + " (for " +
                                    r[3].c_str() + "): " + r[4].c_str());
        }
        if (!f.details.empty()) out.push_back(f);
    }
    // 3. privileges: ownership of the tables altered, CREATE where objects are created
    {
        Finding f{"missing privileges", {}};
        bool super = tx.exec("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")[0][0].as<bool>();
        if (!super) {
            for (const auto& t : targets) {
                auto r = tx.exec_params("SELECT pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE'), "
                                        "pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c WHERE c.oid = "
                                        "pg_catalog.to_regclass($1)",
                                        t);
                if (!r.empty() && !r[0][0].as<bool>())
                    f.details.push_back(t + ": owned by " + std::string(r[0][1].c_str()) + "; altering it needs that role");
            }
            // schemas that get new tables, views, sequences or routines, and
            // already exist (a schema the plan creates is the applier's own)
            std::set<std::string> schemas;
            std::set<const ExecPlan*> seen;
            for (const auto& [p, s] : todo) {
                if (!seen.insert(p).second) continue;
                auto added = [&](const auto& target, const auto& source, auto schema_of) {
                    for (const auto& [k, _] : target)
                        if (!source.contains(k)) schemas.insert(schema_of(k));
                };
                auto of_q = [](const catalog::QualifiedName& q) { return q.schema; };
                added(p->target.tables, p->source.tables, of_q);
                added(p->target.views, p->source.views, of_q);
                added(p->target.sequences, p->source.sequences, of_q);
                added(p->target.routines, p->source.routines, [](const catalog::RoutineKey& k) { return k.qname.schema; });
                for (const auto& [name, _] : p->target.schemas)
                    if (!p->source.schemas.contains(name)) schemas.erase(name);
            }
            for (const auto& sc : schemas) {
                auto r = tx.exec_params("SELECT pg_catalog.has_schema_privilege(n.oid, 'CREATE') FROM pg_catalog.pg_namespace n "
                                        "WHERE n.nspname = $1",
                                        sc);
                if (!r.empty() && !r[0][0].as<bool>()) f.details.push_back("schema " + quote_ident(sc) + ": no CREATE privilege");
            }
            bool has_schema = !tx.exec_params("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", o_.history_schema).empty();
            if (!has_schema && !tx.exec("SELECT pg_catalog.has_database_privilege(current_database(), 'CREATE')")[0][0].as<bool>())
                f.details.push_back("database: no CREATE privilege for pgkeel's schema " + quote_ident(o_.history_schema));
        }
        if (!f.details.empty()) out.push_back(f);
    }
    return out;
}

std::vector<Finding> Executor::postflight(const ExecPlan& last, bool check_target) {
    std::vector<Finding> out;
    {
        pqxx::read_transaction tx(conn());
        Finding invalid{"INVALID indexes", {}};
        for (const auto& r : tx.exec("SELECT i.indexrelid::regclass::text FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON "
                                     "c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE NOT "
                                     "i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"))
            invalid.details.push_back(r[0].c_str());
        if (!invalid.details.empty()) out.push_back(invalid);
        Finding notvalid{"NOT VALID constraints", {}};
        for (const auto& r : tx.exec("SELECT k.conrelid::regclass::text || ': ' || quote_ident(k.conname) FROM "
                                     "pg_catalog.pg_constraint k JOIN pg_catalog.pg_namespace n ON n.oid = k.connamespace WHERE "
                                     "NOT k.convalidated AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"))
            notvalid.details.push_back(r[0].c_str());
        // A NOT VALID constraint the target declares as such is what was asked for.
        std::set<std::string> declared;
        for (const auto& [q, t] : last.target.tables)
            for (const auto& [name, c] : t.constraints)
                if (c.not_valid) declared.insert(q.str() + ": " + quote_ident(name));
        std::erase_if(notvalid.details, [&](const std::string& d) { return declared.contains(d); });
        if (!notvalid.details.empty()) out.push_back(notvalid);
        Finding running{"history rows left running or failed", {}};
        std::set<std::string> ids;
        for (const auto& p : plans_) ids.insert(p.id);
        for (const auto& [k, r] : hist_.read(tx))
            if (!r.done() && ids.contains(r.plan_id))
                running.details.push_back(r.plan_id + " step " + std::to_string(r.step) + " " + status_name(r.status) + ": " +
                                          r.summary + (r.error.empty() ? "" : " (" + r.error + ")"));
        if (!running.details.empty()) out.push_back(running);
    }
    if (check_target) {
        catalog::Catalog here = live();  // first: it learns the connecting role the normalization strips
        auto diffs = differences(here, last.declared ? normalized(last.target) : last.target);
        Finding target{"live schema differs from plan " + last.id + "'s target", {}};
        for (const auto& d : diffs) target.details.push_back(d.change.summary);
        if (!target.details.empty()) out.push_back(target);
    }
    return out;
}

void Executor::backup() {
    std::filesystem::create_directories(o_.backup_dir);
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    std::string dbname = trimmed(pqxx::read_transaction(conn()).exec("SELECT current_database()")[0][0].c_str());
    std::string path = (std::filesystem::path(o_.backup_dir) / (dbname + "-" + stamp + ".dump")).string();
    std::string out;
    if (run_process({pg_bindir() + "/pg_dump", "-Fc", "-f", path, "-d", with_params(o_.db, {})}, out) != 0)
        throw Error(ErrorKind::Database, "pg_dump for --backup failed; nothing was run:\n" + trimmed(out));
    log_.emit("backup: " + path, {{"event", "backup"}, {"path", path}});
}

int Executor::run() {
    read_history();
    if (!check_history_unchanged()) return 1;
    auto todo = pending();
    auto t0 = Clock::now();
    if (todo.empty()) {
        // Still verified: a run whose postflight failed left every step recorded.
        log_.emit("nothing to apply: " + std::to_string(plans_.size()) + (plans_.size() == 1 ? " plan" : " plans") + " already applied",
                  {{"event", "summary"}, {"run", 0}, {"reconcile", 0}, {"skip", 0}, {"plans", plans_.size()}});
        if (o_.dry_run) return 0;
        return finish(postflight(plans_.back(), true), t0);
    }
    if (int rc = gate_hazards(todo); rc != 0) return rc;
    auto pre = preflight(todo);
    if (o_.dry_run) {
        report("preflight", pre, false);
        return dry_run(todo);
    }
    report("preflight", pre, !o_.force);
    if (!pre.empty() && !o_.force) {
        std::cerr << "pgkeel: preflight refused; nothing was run (--force runs anyway)\n";
        return 3;
    }
    hist_.ensure(conn());
    lease_ = std::make_unique<Lease>(hist_, with_params(conninfo_, {{"application_name", "pgkeel lease " + holder_}}), holder_,
                                     o_.lease_ttl);
    lease_->acquire(o_.lease_wait);
    read_history();  // another executor may have applied while we waited
    if (!o_.backup_dir.empty() && !pending().empty()) backup();
    const ExecPlan* stopped = nullptr;
    try {
        for (const auto& p : plans_)
            if (!apply_plan(p)) {
                stopped = &p;
                break;
            }
    } catch (const StepFailure& e) {
        lease_->release();
        std::cerr << "pgkeel: " << e.what() << "\n";
        log_.emit("", {{"event", "failed"}, {"error", e.what()}});
        std::cerr << "pgkeel: stopped; nothing after that step was run. Fix the cause and run apply again: what is recorded is skipped.\n";
        return 1;
    }
    if (stopped != nullptr) {
        // The pre phase is done; the rest waits for the backfill runner.
        auto post = postflight(*stopped, false);
        lease_->release();
        log_.emit("stopped before the backfill phase of " + stopped->id + ": its post phase runs once these are done:\n  " +
                      join(pending_backfills_, "\n  ") +
                      "\nrun them with `pgkeel backfill --db URL --all` (resumable, in batches), then apply again",
                  {{"event", "backfill_pending"}, {"plan", stopped->id}, {"backfills", pending_backfills_}});
        return finish(post, t0);
    }
    auto post = postflight(plans_.back(), true);
    lease_->release();
    return finish(post, t0);
}

// Prints the postflight report and the summary; 1 when the database is not
// what the plans promise (NOT VALID constraints alone are a warning).
int Executor::finish(const std::vector<Finding>& post, Clock::time_point t0) {
    report("postflight", post, true);
    if (ran_ + reconciled_ > 0)
        log_.emit("applied: " + std::to_string(ran_) + " run, " + std::to_string(reconciled_) + " reconciled, " + std::to_string(skipped_) +
                      " already applied (" + ms_text(elapsed_ms(t0)) + ")",
                  {{"event", "summary"}, {"run", ran_}, {"reconcile", reconciled_}, {"skip", skipped_}, {"duration_ms", elapsed_ms(t0)}});
    bool fatal = false;
    for (const auto& f : post) fatal |= f.check.rfind("NOT VALID", 0) != 0;
    if (fatal) std::cerr << "pgkeel: postflight failed: the database is not in the state the plans promise\n";
    return fatal ? 1 : 0;
}

}  // namespace

int apply(const std::vector<ExecPlan>& plans, const ApplyOptions& opts, DevDatabase& dev) {
    Executor ex(plans, opts, dev);
    return ex.run();
}

}  // namespace pgkeel::exec
