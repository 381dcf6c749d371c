// Same run, same schema: the SQL loader on FILE.sql vs the TOML loader on the
// same schema written as TOML (pgkeel's own writer produces it in-process from
// the SQL model, so both sides hold identical objects), with raw
// pg_query_parse of the SQL as the floor (run by raw_parse, see bench.hpp; and
// pg_query_parse_protobuf, the slower of its two outputs).
//   toml_bench FILE.sql [REPEAT]

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "bench.hpp"
#include "catalog/model.hpp"
#include "common/text.hpp"
#include "load/sql_loader.hpp"
#include "load/toml_loader.hpp"
#include "render/toml_renderer.hpp"

using pgkeel::bench::seconds_since;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: toml_bench FILE.sql [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
    std::string sql = pgkeel::read_file(argv[1]);
    std::string toml = pgkeel::render::render_toml(pgkeel::load::load_sql_text(sql, argv[1]));
    pgkeel::bench::RawParse raw(argv[0]);
    double sql_load = 1e9, toml_load = 1e9;
    std::size_t tables = 0;
    bool same = true;
    for (int i = 0; i < repeat; ++i) {
        raw.measure(std::string(argv[1]));
        auto t0 = std::chrono::steady_clock::now();
        auto a = pgkeel::load::load_sql_text(sql, argv[1]);
        sql_load = std::min(sql_load, seconds_since(t0));
        t0 = std::chrono::steady_clock::now();
        auto b = pgkeel::load::load_toml_text(toml, "bench.toml");
        toml_load = std::min(toml_load, seconds_since(t0));
        tables = b.tables.size();
        same = same && a == b;
    }
    std::printf("tables=%zu sql_bytes=%zu toml_bytes=%zu raw_parse_seconds=%.4f raw_protobuf_seconds=%.4f "
                "sql_load_seconds=%.4f toml_load_seconds=%.4f toml_vs_sql=%.2f toml_vs_raw=%.2f toml_vs_protobuf=%.2f "
                "same_model=%s peak_rss_kib=%ld\n",
                tables, sql.size(), toml.size(), raw.json, raw.protobuf, sql_load, toml_load, toml_load / sql_load,
                toml_load / raw.json, toml_load / raw.protobuf,
                same ? "yes" : "NO", pgkeel::bench::peak_rss_kib());
    return same ? 0 : 1;
}
