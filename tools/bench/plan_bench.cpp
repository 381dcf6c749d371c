// Offline planning of a schema pair, same run: pgkeel plan from OLD to NEW as
// `--format sql` does it (both sides loaded at the same time; diff and order;
// render the SQL; no fingerprints, which only plan.json shows) for the SQL
// files and for the same schemas written as TOML, against raw pg_query_parse
// of both SQL files as the floor (run by raw_parse, see bench.hpp; and
// pg_query_parse_protobuf, the slower of its two outputs). Also checks that two
// runs give byte-identical plans.
//   plan_bench OLD.sql NEW.sql [REPEAT]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>

#include "bench.hpp"
#include "common/text.hpp"
#include "load/sql_loader.hpp"
#include "load/toml_loader.hpp"
#include "plan/plan.hpp"
#include "render/plan_renderer.hpp"
#include "render/toml_renderer.hpp"

using pgkeel::bench::seconds_since;

namespace {

std::string plan_sql(const pgkeel::catalog::Catalog& a, const pgkeel::catalog::Catalog& b, std::size_t& steps) {
    pgkeel::plan::Plan p = pgkeel::plan::make_plan(a, b, pgkeel::plan::Fingerprints::left_out);
    steps = p.steps.size();
    return pgkeel::render::plan_sql(p);
}

// Both sides at the same time, as pgkeel plan --from --to loads them.
template <class Load>
std::pair<pgkeel::catalog::Catalog, pgkeel::catalog::Catalog> load_pair(Load load) {
    auto b = std::async(std::launch::async, [&] { return load(1); });
    auto a = load(0);
    return {std::move(a), b.get()};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: plan_bench OLD.sql NEW.sql [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 3 ? std::atoi(argv[3]) : 3;
    std::string old_sql = pgkeel::read_file(argv[1]), new_sql = pgkeel::read_file(argv[2]);
    std::string old_toml = pgkeel::render::render_toml(pgkeel::load::load_sql_text(old_sql, argv[1]));
    std::string new_toml = pgkeel::render::render_toml(pgkeel::load::load_sql_text(new_sql, argv[2]));
    pgkeel::bench::RawParse raw(argv[0]);
    double sql_total = 1e9, toml_total = 1e9, plan_only = 1e9;
    std::size_t steps = 0, tables = 0;
    std::string first_plan;
    bool deterministic = true, same = true;
    for (int i = 0; i < repeat; ++i) {
        raw.measure(std::string(argv[1]), std::string(argv[2]));

        auto t0 = std::chrono::steady_clock::now();
        auto [a, b] = load_pair([&](int side) { return pgkeel::load::load_sql_text(side ? new_sql : old_sql, argv[1 + side]); });
        auto t1 = std::chrono::steady_clock::now();
        std::string sql_plan = plan_sql(a, b, steps);
        plan_only = std::min(plan_only, seconds_since(t1));
        sql_total = std::min(sql_total, seconds_since(t0));
        tables = b.tables.size();

        t0 = std::chrono::steady_clock::now();
        auto [ta, tb] = load_pair([&](int side) { return pgkeel::load::load_toml_text(side ? new_toml : old_toml, side ? "new.toml" : "old.toml"); });
        std::size_t toml_steps = 0;
        std::string toml_plan = plan_sql(ta, tb, toml_steps);
        toml_total = std::min(toml_total, seconds_since(t0));

        if (first_plan.empty()) first_plan = sql_plan;
        deterministic = deterministic && sql_plan == first_plan;
        same = same && toml_plan == sql_plan;
    }
    std::printf("tables=%zu steps=%zu raw_parse_both_seconds=%.4f raw_protobuf_both_seconds=%.4f sql_plan_seconds=%.4f "
                "(plan+render %.4f) toml_plan_seconds=%.4f sql_vs_raw=%.2f toml_vs_raw=%.2f sql_vs_protobuf=%.2f "
                "toml_vs_protobuf=%.2f deterministic=%s toml_plan_equals_sql_plan=%s peak_rss_kib=%ld\n",
                tables, steps, raw.json, raw.protobuf, sql_total, plan_only, toml_total, sql_total / raw.json,
                toml_total / raw.json, sql_total / raw.protobuf, toml_total / raw.protobuf,
                deterministic ? "yes" : "NO", same ? "yes" : "NO", pgkeel::bench::peak_rss_kib());
    return deterministic && same ? 0 : 1;
}
