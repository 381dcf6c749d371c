// The planner's correctness suite, against the real server. For each case of
// a .cases file (PGKEEL_PLAN_CASES; format in tests/plan_cases/README.md):
//  1. old and new each load into a fresh database;
//  2. the plan from old to new (declared to declared, as `pgkeel plan` makes
//     it), applied to the old database, gives the new database's model;
//  3. planning again, from the result to the new database, is empty;
//  4. the reverse plan (new to old), applied, brings the old model back;
//  5. the forward plan carries exactly the hazards the case lists, if any.
// Columns of tables that existed before are compared by name: PostgreSQL
// appends added columns at the end, whatever the declared order.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "catalog/model.hpp"
#include "common/error.hpp"
#include "common/text.hpp"
#include "diff/diff.hpp"
#include "load/live_loader.hpp"
#include "load/sql_loader.hpp"
#include "load/toml_loader.hpp"
#include "plan/plan.hpp"
#include "render/plan_renderer.hpp"
#include "render/sql_renderer.hpp"
#include "support/pg.hpp"

using namespace pgkeel;

namespace {

struct Side {
    std::string text;
    bool toml = false;
};

struct Case {
    std::string name;
    int line = 0;
    Side old_side, new_side;
    std::optional<std::set<std::string>> hazards;
    bool expect_empty = false;  // "--- plan: empty": the sides differ only in what is not planned
    bool no_reverse = false;    // "--- no reverse: why": the reverse change cannot be made (a downgrade)
    std::string refused;        // "--- refused: TEXT": planning stops with an input error containing TEXT
};

std::vector<Case> parse_cases(const std::string& path) {
    std::vector<Case> out;
    std::istringstream in(test::read_text(path));
    std::string line;
    Side* current = nullptr;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.rfind("=== ", 0) == 0) {
            out.push_back(Case{line.substr(4), n, {}, {}, std::nullopt, false, false, {}});
            current = nullptr;
        } else if (!out.empty() && line.rfind("--- old", 0) == 0) {
            current = &out.back().old_side;
            current->toml = line.find("toml") != std::string::npos;
        } else if (!out.empty() && line.rfind("--- new", 0) == 0) {
            current = &out.back().new_side;
            current->toml = line.find("toml") != std::string::npos;
        } else if (!out.empty() && line.rfind("--- no reverse:", 0) == 0) {
            out.back().no_reverse = true;
            current = nullptr;
        } else if (!out.empty() && line.rfind("--- refused:", 0) == 0) {
            out.back().refused = line.substr(line.find_first_not_of(' ', 12));
            current = nullptr;
        } else if (!out.empty() && line.rfind("--- plan: empty", 0) == 0) {
            out.back().expect_empty = true;
            current = nullptr;
        } else if (!out.empty() && line.rfind("--- hazards:", 0) == 0) {
            std::set<std::string> h;
            std::stringstream list(line.substr(12));
            std::string item;
            while (std::getline(list, item, ',')) {
                item.erase(0, item.find_first_not_of(' '));
                item.erase(item.find_last_not_of(' ') + 1);
                if (!item.empty()) h.insert(item);
            }
            out.back().hazards = h;
            current = nullptr;
        } else if (current != nullptr) {
            current->text += line + "\n";
        }
    }
    return out;
}

catalog::Catalog declared(const Side& s, const std::string& name) {
    return s.toml ? load::load_toml_text(s.text, name + ".toml") : load::load_sql_text(s.text, name + ".sql");
}

catalog::Catalog live(const test::TestDatabase& db) {
    auto l = load::load_live(db.conninfo());
    catalog::strip_owner(l.catalog, l.current_user);
    return l.catalog;
}

// Columns of the tables in `existing` compared by name, not position.
std::string comparable(catalog::Catalog cat, const catalog::Catalog& existing) {
    for (auto& [q, t] : cat.tables)
        if (existing.tables.contains(q))
            std::sort(t.columns.begin(), t.columns.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return catalog::serialize(cat);
}

void load_into(const test::TestDatabase& db, const Side& s, const std::string& name) {
    std::string sql = s.toml ? render::render_sql(load::load_toml_text(s.text, name + ".toml")) : s.text;
    db.psql(sql);
}

plan::Plan make_plan(const catalog::Catalog& from, const catalog::Catalog& to) {
    plan::Plan p;
    p.steps = plan::order(diff::diff(from, to));
    return p;
}

// Applies a plan with psql, statement by statement in autocommit mode (steps
// that must run outside a transaction block can).
std::string apply(const test::TestDatabase& db, const plan::Plan& p) {
    if (p.empty()) return {};
    std::string path = "/tmp/pgkeel-plan-" + db.name() + ".sql";
    test::write_text(path, render::plan_sql(p));
    std::string error;
    try {
        db.psql_file(path);
    } catch (const std::exception& e) {
        error = e.what();
    }
    std::remove(path.c_str());
    return error;
}

// One case; returns true when every check passed.
bool run_case(const Case& c, const std::string& file) {
    INFO("case " << c.name << " (" << file << ":" << c.line << ")");
    test::TestDatabase db("plan");
    test::TestDatabase target("plan_new");
    load_into(db, c.old_side, c.name + "-old");
    load_into(target, c.new_side, c.name + "-new");
    catalog::Catalog old_live = live(db), new_live = live(target);
    catalog::Catalog old_decl = declared(c.old_side, c.name + "-old"), new_decl = declared(c.new_side, c.name + "-new");
    catalog::strip_owner(old_decl, "postgres");
    catalog::strip_owner(new_decl, "postgres");

    if (!c.refused.empty()) {
        // a change pgkeel does not make yet: refused before anything runs, saying why
        std::string message;
        try {
            make_plan(old_decl, new_decl);
        } catch (const Error& e) {
            CHECK(e.kind() == ErrorKind::Input);
            message = e.what();
        }
        CHECK_MESSAGE(message.find(c.refused) != std::string::npos, "expected a refusal containing: " << c.refused << "\ngot: " << message);
        return message.find(c.refused) != std::string::npos;
    }
    plan::Plan forward = make_plan(old_decl, new_decl);
    INFO("forward plan:\n" << render::plan_sql(forward));
    if (c.expect_empty) {
        CHECK_MESSAGE(forward.empty(), "the plan should be empty");
        return forward.empty();
    }
    CHECK_MESSAGE(!forward.empty(), "the two sides do not differ");
    std::string error = apply(db, forward);
    CHECK_MESSAGE(error.empty(), "applying the forward plan failed: " << error);
    if (!error.empty()) return false;
    catalog::Catalog after = live(db);
    bool ok = true;
    std::string got = comparable(after, old_live), want = comparable(new_live, old_live);
    ok &= got == want;
    CHECK_MESSAGE(got == want, "the planned database differs from the new schema");
    plan::Plan again = make_plan(after, new_live);
    ok &= again.empty();
    CHECK_MESSAGE(again.empty(), "planning again is not empty:\n" << render::plan_sql(again));
    if (c.hazards) {
        std::set<std::string> found;
        for (auto h : forward.hazards()) found.insert(diff::hazard_name(h));
        ok &= found == *c.hazards;
        CHECK_MESSAGE(found == *c.hazards, "hazards: " << join(std::vector<std::string>(found.begin(), found.end()), ", "));
    }

    if (c.no_reverse) return ok;
    plan::Plan reverse = make_plan(new_decl, old_decl);
    INFO("reverse plan:\n" << render::plan_sql(reverse));
    error = apply(db, reverse);
    CHECK_MESSAGE(error.empty(), "applying the reverse plan failed: " << error);
    if (!error.empty()) return false;
    catalog::Catalog back = live(db);
    std::string back_json = comparable(back, new_live), old_json = comparable(old_live, new_live);
    ok &= back_json == old_json;
    CHECK_MESSAGE(back_json == old_json, "the reverse plan does not give the old schema back");
    return ok;
}

}  // namespace

TEST_CASE("plans between schema pairs give the target database") {
    const char* env = std::getenv("PGKEEL_PLAN_CASES");
    REQUIRE_MESSAGE(env != nullptr, "set PGKEEL_PLAN_CASES");
    const std::string file = env;
    REQUIRE(test::have_cluster());
    auto cases = parse_cases(file);
    REQUIRE(!cases.empty());
    int passed = 0;
    for (const auto& c : cases) {
        try {
            passed += run_case(c, file) ? 1 : 0;
        } catch (const std::exception& e) {
            FAIL_CHECK("case " << c.name << " (" << file << ":" << c.line << "): " << std::string(e.what()));
        }
    }
    MESSAGE(passed << " of " << cases.size() << " cases passed in " << file);
}
