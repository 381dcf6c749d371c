// Same run: raw pg_query_parse (and _protobuf) of a SQL file (run by raw_parse,
// see bench.hpp) vs pgkeel's SQL loader (parse, build the model, normalize) on
// the same file.
//   load_bench FILE.sql [REPEAT]

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "bench.hpp"
#include "catalog/model.hpp"
#include "common/text.hpp"
#include "load/sql_loader.hpp"

using pgkeel::bench::seconds_since;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: load_bench FILE.sql [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
    std::string text = pgkeel::read_file(argv[1]);
    pgkeel::bench::RawParse raw(argv[0]);
    double load = 1e9;
    std::size_t tables = 0;
    for (int i = 0; i < repeat; ++i) {
        raw.measure(std::string(argv[1]));
        auto t0 = std::chrono::steady_clock::now();
        auto cat = pgkeel::load::load_sql_text(text, argv[1]);
        load = std::min(load, seconds_since(t0));
        tables = cat.tables.size();
    }
    std::printf("tables=%zu raw_parse_seconds=%.4f raw_protobuf_seconds=%.4f load_seconds=%.4f ratio=%.2f "
                "ratio_vs_protobuf=%.2f peak_rss_kib=%ld\n",
                tables, raw.json, raw.protobuf, load, load / raw.json, load / raw.protobuf, pgkeel::bench::peak_rss_kib());
    return 0;
}
