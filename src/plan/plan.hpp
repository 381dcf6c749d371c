#pragma once
// Stage 4-5: changes -> an ordered plan. The changes become vertices of a
// Boost.Graph dependency graph (edges: "must run before"), phases are settled
// (a step needed by an earlier phase moves up to it), and a topological sort
// with a deterministic tie-break gives the step order. Same inputs, same plan.
#include <string>
#include <vector>

#include "diff/change.hpp"

namespace pgkeel::plan {

struct Step {
    int number = 0;  // 1-based, in execution order
    diff::Change change;
    std::string sha256;  // of change.sql
};

struct Plan {
    std::string id;      // "0003_lead_name"; empty for ad-hoc plans
    std::string parent;  // previous plan id, empty for the first
    std::string source_fingerprint;
    std::string target_fingerprint;
    std::vector<Step> steps;

    [[nodiscard]] bool empty() const { return steps.empty(); }
    [[nodiscard]] std::vector<diff::Hazard> hazards() const;  // distinct, sorted
};

// Orders changes into steps. Throws an internal Error naming the steps of a
// dependency cycle the planner could not repair.
std::vector<Step> order(std::vector<diff::Change> changes);

}  // namespace pgkeel::plan
