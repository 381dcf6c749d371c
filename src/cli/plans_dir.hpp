#pragma once
// The plans/ folder: an append-only chain of plan folders
// (plans/0001_initial/, plans/0002_lead_name/, ...) and pgkeel.sum, the
// checksum file that chains them. Each folder holds:
//   plan.json        the plan (id, parent, fingerprints, steps)
//   plan.md          the review document
//   1_pre.sql, 2_backfill.sql, 3_post.sql   the steps of each phase (only those with steps)
//   reverse.sql      the plan back from target to source, with its hazards
//   schema.toml      the target schema (with its directives): the next plan's source
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "plan/plan.hpp"

namespace pgkeel::cli {

struct PlanFolder {
    std::string id;  // folder name
    std::filesystem::path path;
};

class PlansDir {
public:
    explicit PlansDir(std::filesystem::path root) : root_(std::move(root)) {}

    // Plan folders in chain order (by their number).
    [[nodiscard]] std::vector<PlanFolder> folders() const;
    // The target schema of the last plan, or an empty schema.
    [[nodiscard]] catalog::Catalog last_snapshot() const;
    [[nodiscard]] catalog::Catalog snapshot(const PlanFolder& f) const;
    // Differences between pgkeel.sum and the files (empty when they agree).
    [[nodiscard]] std::vector<std::string> verify() const;
    // Next folder id: "0003_" + slug(name).
    [[nodiscard]] std::string next_id(const std::string& name) const;
    // Writes a new plan folder and updates pgkeel.sum.
    void write(const plan::Plan& p, const plan::Plan& reverse, const catalog::Catalog& target) const;

    // The files of a plan folder, by name (shared with --check, which compares them).
    static std::vector<std::pair<std::string, std::string>> files(const plan::Plan& p, const plan::Plan& reverse,
                                                                   const catalog::Catalog& target);

private:
    std::filesystem::path root_;
    [[nodiscard]] std::string sum_text() const;  // what pgkeel.sum must hold for the files on disk
};

}  // namespace pgkeel::cli
