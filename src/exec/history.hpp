#pragma once
// pgkeel's own tables in the target database (schema `pgkeel` by default):
//   schema_migrations  one row per plan step: plan id, step, sha256, status
//                      (running / applied / reconciled / failed), times, duration,
//                      error, attempts, pgkeel version
//   lease              one row per executor lock: holder, expiry, heartbeat
//   backfills          one row per backfill step: keyset cursor, counts, state
//   backfill_skipped   keys a batch skipped because another session had them locked
// Everything here is pooler-safe: plain statements in short transactions, no
// session state, no advisory locks, no named prepared statements.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pqxx {
class connection_base;
class dbtransaction;
}  // namespace pqxx

namespace pgkeel::exec {

enum class StepStatus { Running, Applied, Reconciled, Failed };
const char* status_name(StepStatus s);
StepStatus parse_status(const std::string& s);

struct HistoryRow {
    std::string plan_id;
    int step = 0;
    std::string sha256;
    std::string kind, summary;
    StepStatus status = StepStatus::Running;
    std::string started_at, finished_at;  // as the server prints timestamptz
    std::optional<long long> duration_ms;
    std::string error;
    int attempts = 0;
    std::string pgkeel_version;

    [[nodiscard]] bool done() const { return status == StepStatus::Applied || status == StepStatus::Reconciled; }
};

class History {
public:
    explicit History(std::string schema) : schema_(std::move(schema)) {}

    [[nodiscard]] const std::string& schema() const { return schema_; }
    [[nodiscard]] std::string table(const char* name) const;  // quoted schema.name

    // True when the history table exists (nothing is created).
    bool exists(pqxx::dbtransaction& tx) const;
    // Creates the schema and tables when missing (idempotent, safe to race).
    void ensure(pqxx::connection_base& c) const;
    // Every row, keyed by (plan id, step). Empty when the table does not exist.
    std::map<std::pair<std::string, int>, HistoryRow> read(pqxx::dbtransaction& tx) const;

    // Writes of one step's row (upsert on plan id and step).
    void record(pqxx::dbtransaction& tx, const HistoryRow& row) const;

private:
    std::string schema_;
};

// The executor lock: a row in <schema>.lease, not a session advisory lock, so
// it holds through a transaction pooler. Taken when free, expired, or already
// ours; kept alive by heartbeats from a thread with its own connection.
class Lease {
public:
    // `name`: the lease row ("executor" for apply, "backfill" for the backfill runner).
    Lease(const History& h, std::string conninfo, std::string holder, std::chrono::seconds ttl, std::string name = "executor");
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    // Takes the lease, waiting up to `wait` while another live holder has it.
    // Throws a database error naming the holder when the wait runs out.
    void acquire(std::chrono::seconds wait);
    // False once a heartbeat found the lease taken over (then stop writing).
    [[nodiscard]] bool held() const;
    void release();

private:
    struct State;
    State* state_;
};

}  // namespace pgkeel::exec
