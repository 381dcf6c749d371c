#include <boost/graph/adjacency_list.hpp>

#include <algorithm>
#include <map>
#include <queue>
#include <set>
#include <tuple>

#include "common/error.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "plan/plan.hpp"

namespace pgkeel::plan {

using diff::Change;
using diff::Phase;
using catalog::ObjectKey;

std::vector<diff::Hazard> Plan::hazards() const {
    std::set<diff::Hazard> out;
    for (const auto& s : steps)
        for (const auto& h : s.change.hazards) out.insert(h.hazard);
    return {out.begin(), out.end()};
}

namespace {

using Graph = boost::adjacency_list<boost::setS, boost::vecS, boost::bidirectionalS>;

Graph build_graph(const std::vector<Change>& changes) {
    const std::size_t n = changes.size();
    Graph g(n);
    std::map<ObjectKey, std::vector<std::size_t>> providers, removers;
    for (std::size_t i = 0; i < n; ++i) {
        for (const auto& k : changes[i].provides) providers[k].push_back(i);
        for (const auto& k : changes[i].removes) removers[k].push_back(i);
    }
    auto edge = [&](std::size_t from, std::size_t to) {
        if (from != to) boost::add_edge(from, to, g);
    };
    for (std::size_t i = 0; i < n; ++i) {
        const Change& c = changes[i];
        // what it needs is created (or redefined) first; two changes that
        // both modify an object (need and provide it) keep no order between them
        auto modifies = [&](const Change& x, const ObjectKey& k) {
            return std::find(x.needs.begin(), x.needs.end(), k) != x.needs.end() &&
                   std::find(x.provides.begin(), x.provides.end(), k) != x.provides.end();
        };
        for (const auto& k : c.needs)
            if (auto it = providers.find(k); it != providers.end())
                for (std::size_t p : it->second)
                    if (!(modifies(c, k) && modifies(changes[p], k))) edge(p, i);
        // what it still uses is removed only after it
        for (const auto& k : c.needs_old)
            if (auto it = removers.find(k); it != removers.end())
                for (std::size_t r : it->second) edge(i, r);
        // an object is removed before it is created again (unless the remover
        // needs it: then it removes what that provider made)
        auto needs_from = [&](const Change& x, const Change& provider) {
            return std::any_of(provider.provides.begin(), provider.provides.end(),
                               [&](const ObjectKey& k) { return std::find(x.needs.begin(), x.needs.end(), k) != x.needs.end(); });
        };
        for (const auto& k : c.removes)
            if (auto it = providers.find(k); it != providers.end())
                for (std::size_t p : it->second)
                    if (std::find(changes[p].removes.begin(), changes[p].removes.end(), k) == changes[p].removes.end() &&
                        !needs_from(c, changes[p]))
                        edge(i, p);
    }
    return g;
}

// A step that an earlier phase depends on moves to that phase.
void settle_phases(std::vector<Change>& changes, const Graph& g) {
    bool moved = true;
    while (moved) {
        moved = false;
        for (auto [e, end] = boost::edges(g); e != end; ++e) {
            auto u = boost::source(*e, g), v = boost::target(*e, g);
            if (changes[u].phase > changes[v].phase) {
                changes[u].phase = changes[v].phase;
                moved = true;
            }
        }
    }
}

}  // namespace

std::vector<Step> order(std::vector<Change> changes) {
    Graph g = build_graph(changes);
    settle_phases(changes, g);
    const std::size_t n = changes.size();
    // Kahn's algorithm; among ready steps the smallest (phase, kind, key, sql) runs first.
    using Rank = std::tuple<Phase, diff::ChangeKind, ObjectKey, std::string, std::size_t>;
    auto rank = [&](std::size_t i) {
        return Rank{changes[i].phase, changes[i].kind, changes[i].key, changes[i].sql, i};
    };
    std::priority_queue<Rank, std::vector<Rank>, std::greater<>> ready;
    std::vector<std::size_t> pending(n);
    for (std::size_t i = 0; i < n; ++i) {
        pending[i] = boost::in_degree(i, g);
        if (pending[i] == 0) ready.push(rank(i));
    }
    std::vector<Step> steps;
    steps.reserve(n);
    std::vector<bool> done(n, false);
    while (!ready.empty()) {
        std::size_t i = std::get<4>(ready.top());
        ready.pop();
        done[i] = true;
        for (auto [e, end] = boost::out_edges(i, g); e != end; ++e) {
            auto v = boost::target(*e, g);
            if (--pending[v] == 0) ready.push(rank(v));
        }
        Step s;
        s.number = static_cast<int>(steps.size()) + 1;
        s.sha256 = sha256_hex(changes[i].sql);
        s.change = std::move(changes[i]);
        steps.push_back(std::move(s));
    }
    if (steps.size() != n) {
        std::vector<std::string> stuck;
        for (std::size_t i = 0; i < n && stuck.size() < 24; ++i) {
            if (done[i]) continue;
            std::string line = "  " + changes[i].summary;
            std::vector<std::string> after;
            for (auto [e, end] = boost::in_edges(i, g); e != end; ++e)
                if (!done[boost::source(*e, g)]) after.push_back(changes[boost::source(*e, g)].summary);
            if (!after.empty()) line += "  (after: " + join(after, "; ") + ")";
            stuck.push_back(line);
        }
        throw_internal("the changes form a dependency cycle pgkeel cannot order; steps involved:\n" + join(stuck, "\n"));
    }
    // Phases in order: a step never runs before a step of an earlier phase.
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.change.phase < b.change.phase; });
    for (std::size_t i = 0; i < steps.size(); ++i) steps[i].number = static_cast<int>(i) + 1;
    return steps;
}

}  // namespace pgkeel::plan
