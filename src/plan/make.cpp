#include <future>
#include <tuple>
#include <utility>

#include "diff/diff.hpp"
#include "plan/plan.hpp"

namespace pgkeel::plan {

Plan make_plan(const catalog::Catalog& from, const catalog::Catalog& to) {
    // Both fingerprints serialize a whole schema: they are computed on a
    // second thread while this one diffs and orders.
    auto fingerprints = std::async(std::launch::async, [&] {
        return std::pair{catalog::fingerprint(from), catalog::fingerprint(to)};
    });
    Plan p;
    p.steps = order(diff::diff(from, to));
    std::tie(p.source_fingerprint, p.target_fingerprint) = fingerprints.get();
    return p;
}

Plan make_reverse(const Plan& forward, const catalog::Catalog& from, const catalog::Catalog& to) {
    Plan p;
    p.source_fingerprint = forward.target_fingerprint;  // fingerprints leave the directives out
    p.target_fingerprint = forward.source_fingerprint;
    p.steps = order(diff::diff(catalog::without_directives(to), catalog::without_directives(from)));
    return p;
}

}  // namespace pgkeel::plan
