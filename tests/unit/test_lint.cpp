// pgkeel lint over SQL migration files: which statements each rule flags (by
// line), what it leaves alone (new tables, the online-safe forms), and the
// inline suppression comment.
#include <doctest/doctest.h>

#include "common/error.hpp"
#include "lint/lint.hpp"

using namespace pgkeel;

namespace {

// "code@line" for every finding, in order.
std::vector<std::string> codes(const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& f : lint::lint_sql(sql, "m.sql")) out.push_back(f.code + "@" + std::to_string(f.where.line));
    return out;
}

}  // namespace

TEST_CASE("lint rules flag the risky forms and leave the online-safe ones alone") {
    struct Case {
        const char* sql;
        std::vector<std::string> expected;
    };
    const Case cases[] = {
        {"SET lock_timeout = '5s';\nCREATE INDEX i ON t (a);", {"index-not-concurrent@2"}},
        {"SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY i ON t (a);", {}},
        {"CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;", {}},
        {"SET lock_timeout = '5s';\nDROP INDEX i;", {"drop-index-not-concurrent@2"}},
        {"BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;", {"concurrently-in-transaction@2"}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id);", {"constraint-not-valid@2"}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT f;", {}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);", {"constraint-not-valid@2"}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ADD PRIMARY KEY (id);", {"unique-without-index@2"}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ADD CONSTRAINT k UNIQUE USING INDEX k;", {}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN a SET NOT NULL;", {"set-not-null@2"}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();", {"volatile-default@2"}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();", {}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY;", {"stored-column-added@2"}},
        {"SET lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN a TYPE bigint;", {"column-type-change@2"}},
        {"SET lock_timeout = '5s';\nALTER TABLE t DROP COLUMN a;", {"drop-column@2"}},
        {"SET lock_timeout = '5s';\nDROP TABLE t;", {"drop-table@2"}},
        {"ALTER TABLE t RENAME COLUMN a TO b;", {"rename@1"}},
        {"VACUUM FULL t;\nCLUSTER t USING i;\nREINDEX TABLE t;", {"table-rewrite@1", "table-rewrite@2", "reindex-not-concurrent@3"}},
        {"REINDEX TABLE CONCURRENTLY t;", {}},
        {"ALTER TABLE t ADD COLUMN b text;", {"missing-lock-timeout@1"}},
        {"ALTER TABLE t ADD COLUMN b text;\nALTER TABLE t ADD COLUMN c text;", {"missing-lock-timeout@1"}},  // once per file
        {"BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN b text;\nCOMMIT;\nALTER TABLE t ADD COLUMN c text;",
         {"missing-lock-timeout@5"}},  // SET LOCAL ends with its transaction
        {"-- pgkeel-lint: ignore drop-column, missing-lock-timeout\nALTER TABLE t DROP COLUMN a;", {}},
        {"/* pgkeel-lint: ignore drop-table */ DROP TABLE t;\nDROP TABLE u;", {"drop-table@2"}},
    };
    for (const auto& c : cases) {
        INFO(c.sql);
        CHECK(codes(c.sql) == c.expected);
    }
}

TEST_CASE("lint reports a syntax error as an input error with its location") {
    try {
        lint::lint_sql("SELECT 1;\nALTER TABLE t ADD COLUMN (;\n", "m.sql");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.exit_code() == 5);
        CHECK(std::string(e.what()) == "m.sql:2:26: SQL syntax error: syntax error at or near \"(\"");
    }
}

TEST_CASE("every finding of a rule has the rule's severity and a fix") {
    for (const auto& f : lint::lint_sql("DROP TABLE t;\nCREATE INDEX i ON u (a);", "m.sql")) {
        CHECK(!f.fix.empty());
        bool known = false;
        for (const auto& r : lint::rules())
            if (f.code == r.code) {
                known = true;
                CHECK(f.severity == r.severity);
            }
        CHECK(known);
    }
}
