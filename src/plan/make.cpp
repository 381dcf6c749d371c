#include <future>
#include <optional>
#include <tuple>
#include <utility>

#include "diff/diff.hpp"
#include "plan/plan.hpp"

namespace pgkeel::plan {

Plan make_plan(const catalog::Catalog& from, const catalog::Catalog& to, Fingerprints fingerprints) {
    Plan p;
    if (fingerprints == Fingerprints::left_out) {
        p.steps = order(diff::diff(from, to));
        return p;
    }
    // Both fingerprints serialize a whole schema: they are computed on a
    // second thread while this one diffs and orders.
    auto taken = std::async(std::launch::async, [&] {
        return std::pair{catalog::fingerprint(from), catalog::fingerprint(to)};
    });
    p.steps = order(diff::diff(from, to));
    std::tie(p.source_fingerprint, p.target_fingerprint) = taken.get();
    return p;
}

namespace {

// c without its directives (renames, backfills), copied only when it has any.
const catalog::Catalog& without_directives(const catalog::Catalog& c, std::optional<catalog::Catalog>& copy) {
    if (!catalog::has_directives(c)) return c;
    copy = catalog::without_directives(c);
    return *copy;
}

}  // namespace

Plan make_reverse(const Plan& forward, const catalog::Catalog& from, const catalog::Catalog& to) {
    Plan p;
    p.source_fingerprint = forward.target_fingerprint;  // fingerprints leave the directives out
    p.target_fingerprint = forward.source_fingerprint;
    std::optional<catalog::Catalog> to_copy, from_copy;
    p.steps = order(diff::diff(without_directives(to, to_copy), without_directives(from, from_copy)));
    return p;
}

}  // namespace pgkeel::plan
