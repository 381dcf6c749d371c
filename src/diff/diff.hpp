#pragma once
// Stage 3: two catalog models -> the changes that turn one into the other.
// Declared renames (renamed_from) become RENAME changes; nothing is guessed.
#include <vector>

#include "catalog/model.hpp"
#include "diff/change.hpp"

namespace pgkeel::diff {

// Changes from `from` to `to`, in no particular order (the plan stage orders
// them). Throws an input Error for changes PostgreSQL cannot make in place and
// pgkeel does not plan (for example removing an enum label).
std::vector<Change> diff(const catalog::Catalog& from, const catalog::Catalog& to);

// `from` with the renames declared in `to` applied (objects moved to their
// new names), and the RENAME changes that do it.
struct Renamed {
    catalog::Catalog from;
    std::vector<Change> renames;
};
Renamed apply_renames(const catalog::Catalog& from, const catalog::Catalog& to);

}  // namespace pgkeel::diff
