#include "exec/history.hpp"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "common/error.hpp"
#include "common/quote.hpp"

namespace pgkeel::exec {

const char* status_name(StepStatus s) {
    switch (s) {
        case StepStatus::Running: return "running";
        case StepStatus::Applied: return "applied";
        case StepStatus::Reconciled: return "reconciled";
        case StepStatus::Failed: return "failed";
    }
    return "running";
}

StepStatus parse_status(const std::string& s) {
    if (s == "applied") return StepStatus::Applied;
    if (s == "reconciled") return StepStatus::Reconciled;
    if (s == "failed") return StepStatus::Failed;
    return StepStatus::Running;
}

std::string History::table(const char* name) const { return quote_qualified(schema_, name); }

bool History::exists(pqxx::dbtransaction& tx) const {
    return tx.exec_params1("SELECT pg_catalog.to_regclass($1) IS NOT NULL", table("schema_migrations"))[0].as<bool>();
}

void History::ensure(pqxx::connection_base& c) const {
    const std::string ddl =
        "CREATE SCHEMA IF NOT EXISTS " + quote_ident(schema_) + ";\n"
        "CREATE TABLE IF NOT EXISTS " + table("schema_migrations") + " (\n"
        "  plan_id text NOT NULL,\n"
        "  step integer NOT NULL,\n"
        "  sha256 text NOT NULL,\n"
        "  kind text NOT NULL,\n"
        "  summary text NOT NULL,\n"
        "  status text NOT NULL CHECK (status IN ('running', 'applied', 'reconciled', 'failed')),\n"
        "  started_at timestamptz NOT NULL,\n"
        "  finished_at timestamptz,\n"
        "  duration_ms bigint,\n"
        "  error text,\n"
        "  attempts integer NOT NULL DEFAULT 1,\n"
        "  pgkeel_version text NOT NULL,\n"
        "  PRIMARY KEY (plan_id, step)\n"
        ");\n"
        "CREATE TABLE IF NOT EXISTS " + table("lease") + " (\n"
        "  name text PRIMARY KEY,\n"
        "  holder text NOT NULL,\n"
        "  acquired_at timestamptz NOT NULL,\n"
        "  heartbeat_at timestamptz NOT NULL,\n"
        "  expires_at timestamptz NOT NULL\n"
        ");\n"
        "CREATE TABLE IF NOT EXISTS " + table("backfills") + " (\n"
        "  plan_id text NOT NULL,\n"
        "  step integer NOT NULL,\n"
        "  table_name text NOT NULL,\n"
        "  key_columns text[] NOT NULL,\n"
        "  cursor text[],\n"
        "  phase text NOT NULL DEFAULT 'scan' CHECK (phase IN ('scan', 'sweep', 'done')),\n"
        "  rows_scanned bigint NOT NULL DEFAULT 0,\n"
        "  rows_updated bigint NOT NULL DEFAULT 0,\n"
        "  rows_skipped bigint NOT NULL DEFAULT 0,\n"
        "  batches integer NOT NULL DEFAULT 0,\n"
        "  batch_size integer NOT NULL,\n"
        "  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
        "  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
        "  finished_at timestamptz,\n"
        "  PRIMARY KEY (plan_id, step)\n"
        ");\n"
        "CREATE TABLE IF NOT EXISTS " + table("backfill_skipped") + " (\n"
        "  plan_id text NOT NULL,\n"
        "  step integer NOT NULL,\n"
        "  key text[] NOT NULL,\n"
        "  PRIMARY KEY (plan_id, step, key)\n"
        ");";
    // Two executors creating the tables at once can collide on the catalogs'
    // unique indexes; the second attempt finds them.
    for (int attempt = 0;; ++attempt) {
        try {
            pqxx::work tx(c);
            tx.exec(ddl);
            tx.commit();
            return;
        } catch (const pqxx::unique_violation&) {
            if (attempt >= 2) throw;
        }
    }
}

std::map<std::pair<std::string, int>, HistoryRow> History::read(pqxx::dbtransaction& tx) const {
    std::map<std::pair<std::string, int>, HistoryRow> out;
    if (!exists(tx)) return out;
    auto rows = tx.exec("SELECT plan_id, step, sha256, kind, summary, status, started_at::text, finished_at::text, duration_ms, "
                        "coalesce(error, ''), attempts, pgkeel_version FROM " + table("schema_migrations") +
                        " ORDER BY plan_id, step");
    for (const auto& r : rows) {
        HistoryRow h;
        h.plan_id = r[0].c_str();
        h.step = r[1].as<int>();
        h.sha256 = r[2].c_str();
        h.kind = r[3].c_str();
        h.summary = r[4].c_str();
        h.status = parse_status(r[5].c_str());
        h.started_at = r[6].c_str();
        h.finished_at = r[7].is_null() ? "" : r[7].c_str();
        if (!r[8].is_null()) h.duration_ms = r[8].as<long long>();
        h.error = r[9].c_str();
        h.attempts = r[10].as<int>();
        h.pgkeel_version = r[11].c_str();
        out[{h.plan_id, h.step}] = h;
    }
    return out;
}

void History::record(pqxx::dbtransaction& tx, const HistoryRow& row) const {
    // started_at stays the first attempt's; attempts counts runs.
    tx.exec_params(
        "INSERT INTO " + table("schema_migrations") +
            " AS h (plan_id, step, sha256, kind, summary, status, started_at, finished_at, duration_ms, error, attempts, "
            "pgkeel_version) VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), CASE WHEN $6 = 'running' THEN NULL ELSE "
            "clock_timestamp() END, NULLIF($7, '')::bigint, NULLIF($8, ''), 1, $9) ON CONFLICT (plan_id, step) DO UPDATE SET sha256 = EXCLUDED.sha256, "
            "kind = EXCLUDED.kind, summary = EXCLUDED.summary, status = EXCLUDED.status, finished_at = EXCLUDED.finished_at, "
            "duration_ms = EXCLUDED.duration_ms, error = EXCLUDED.error, pgkeel_version = EXCLUDED.pgkeel_version, "
            "attempts = h.attempts + CASE WHEN h.status = 'failed' OR (h.status = 'running' AND EXCLUDED.status = 'running') "
            "THEN 1 ELSE 0 END, started_at = CASE WHEN h.status = 'failed' THEN EXCLUDED.started_at ELSE h.started_at END",
        row.plan_id, row.step, row.sha256, row.kind, row.summary, std::string(status_name(row.status)),
        row.duration_ms ? std::to_string(*row.duration_ms) : std::string(),
        row.error, row.pgkeel_version);
}

// ---------------------------------------------------------------- lease

struct Lease::State {
    State(const History& h, std::string c, std::string who, std::chrono::seconds t, std::string n)
        : history(h), conninfo(std::move(c)), holder(std::move(who)), name(std::move(n)), ttl(t) {}
    const History& history;
    std::string conninfo, holder, name;
    std::chrono::seconds ttl;
    std::atomic<bool> held{false};
    std::mutex m;
    std::condition_variable cv;
    bool stop = false;
    std::thread heartbeat;

    // One attempt: the holder now in the row (ours when we got it) and its age.
    std::pair<std::string, std::string> try_take() {
        pqxx::connection c(conninfo);
        pqxx::work tx(c);
        auto r = tx.exec_params(
            "INSERT INTO " + history.table("lease") +
                " AS l (name, holder, acquired_at, heartbeat_at, expires_at) VALUES ($3, $1, now(), now(), now() + "
                "make_interval(secs => $2)) ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, acquired_at = "
                "CASE WHEN l.holder = EXCLUDED.holder THEN l.acquired_at ELSE now() END, heartbeat_at = now(), expires_at = "
                "EXCLUDED.expires_at WHERE l.expires_at < now() OR l.holder = EXCLUDED.holder RETURNING holder",
            holder, static_cast<double>(ttl.count()), name);
        if (!r.empty()) {
            tx.commit();
            return {holder, ""};
        }
        auto cur = tx.exec_params("SELECT holder, (now() - heartbeat_at)::text FROM " + history.table("lease") + " WHERE name = $1", name);
        tx.commit();
        if (cur.empty()) return {"", ""};
        return {cur[0][0].c_str(), cur[0][1].c_str()};
    }

    void beat() {
        std::unique_lock lk(m);
        while (!stop) {
            cv.wait_for(lk, std::max(std::chrono::milliseconds(200), std::chrono::duration_cast<std::chrono::milliseconds>(ttl) / 3));
            if (stop) break;
            lk.unlock();
            try {
                pqxx::connection c(conninfo);
                pqxx::work tx(c);
                auto r = tx.exec_params("UPDATE " + history.table("lease") +
                                            " SET heartbeat_at = now(), expires_at = now() + make_interval(secs => $2) WHERE name = $3 "
                                            "AND holder = $1",
                                        holder, static_cast<double>(ttl.count()), name);
                tx.commit();
                if (r.affected_rows() == 0) held = false;
            } catch (const std::exception&) {
                // a missed heartbeat is retried; the lease lasts `ttl`
            }
            lk.lock();
        }
    }
};

Lease::Lease(const History& h, std::string conninfo, std::string holder, std::chrono::seconds ttl, std::string name)
    : state_(new State(h, std::move(conninfo), std::move(holder), ttl, std::move(name))) {}

Lease::~Lease() {
    try {
        release();
    } catch (...) {
    }
    delete state_;
}

void Lease::acquire(std::chrono::seconds wait) {
    auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        auto [who, age] = state_->try_take();
        if (who == state_->holder) break;
        if (std::chrono::steady_clock::now() >= deadline)
            throw Error(ErrorKind::Database, "another pgkeel " + std::string(state_->name == "executor" ? "is applying to" : "is running " + state_->name + " on") + " this database (lease holder " + who +
                                                 ", last heartbeat " + age + " ago); waited " + std::to_string(wait.count()) +
                                                 " s. It expires " + std::to_string(state_->ttl.count()) +
                                                 " s after the holder's last heartbeat");
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    state_->held = true;
    state_->stop = false;
    state_->heartbeat = std::thread([s = state_] { s->beat(); });
}

bool Lease::held() const { return state_->held; }

void Lease::release() {
    if (state_->heartbeat.joinable()) {
        {
            std::lock_guard lk(state_->m);
            state_->stop = true;
        }
        state_->cv.notify_all();
        state_->heartbeat.join();
    }
    if (!state_->held) return;
    state_->held = false;
    pqxx::connection c(state_->conninfo);
    pqxx::work tx(c);
    tx.exec_params("DELETE FROM " + state_->history.table("lease") + " WHERE name = $2 AND holder = $1", state_->holder, state_->name);
    tx.commit();
}

}  // namespace pgkeel::exec
