#pragma once
// Stage 4-5: changes -> an ordered plan. The changes become vertices of a
// Boost.Graph dependency graph (edges: "must run before"), phases are settled
// (a step needed by an earlier phase moves up to it), and a topological sort
// with a deterministic tie-break gives the step order. Same inputs, same plan.
#include <map>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "diff/change.hpp"

namespace pgkeel::plan {

struct Step {
    int number = 0;  // 1-based, in execution order
    diff::Change change;
    std::string sha256;  // of change.sql
};

// A table's size as the server estimates it (pg_class.reltuples, pg_total_relation_size).
struct TableSize {
    long long rows = -1;  // -1: never analyzed
    long long bytes = 0;
};

struct Plan {
    std::string id;      // "0003_lead_name"; empty for ad-hoc plans
    std::string parent;  // previous plan id, empty for the first
    std::string source_fingerprint;
    std::string target_fingerprint;
    std::vector<Step> steps;
    // Sizes of the tables the steps lock, when a database was given (plan.md shows them).
    std::map<std::string, TableSize> table_sizes;

    [[nodiscard]] bool empty() const { return steps.empty(); }
    [[nodiscard]] std::vector<diff::Hazard> hazards() const;  // distinct, sorted
};

// Orders changes into steps. Throws an internal Error naming the steps of a
// dependency cycle the planner could not repair.
std::vector<Step> order(std::vector<diff::Change> changes);

// Whether a plan carries both schemas' fingerprints. Only plan.json shows
// them, and taking them serializes both whole schemas: a plan rendered as
// text, SQL or markdown, or only tested for emptiness, leaves them out.
enum class Fingerprints { taken, left_out };

// The plan from one schema to another: its ordered steps and, when taken, the
// fingerprints of both schemas (computed on a second thread while the diff runs).
Plan make_plan(const catalog::Catalog& from, const catalog::Catalog& to, Fingerprints fingerprints = Fingerprints::taken);
// The way back from forward's target to its source. The declared directives
// (renames, backfills) describe the forward transition only.
Plan make_reverse(const Plan& forward, const catalog::Catalog& from, const catalog::Catalog& to);

}  // namespace pgkeel::plan
