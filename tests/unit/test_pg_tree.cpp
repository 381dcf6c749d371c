#include <doctest/doctest.h>

#include "parse/pg_tree.hpp"

using namespace pgkeel;

namespace {

// The expression of "SELECT <expr>" in text, its tree kept alive by `tree`.
parse::Node* select_expr(const parse::ParseTree& tree) {
    return tree.statements().at(0).node->select_stmt->target_list[0]->res_target->val;
}

std::string key(const parse::Node* n) {
    std::string k;
    parse::fragment_key(reinterpret_cast<const ProtobufCMessage*>(n), k);
    return k;
}

}  // namespace

TEST_CASE("fragment keys ignore where a fragment was written and nothing else") {
    auto a = parse::ParseTree::parse("SELECT price > 0");
    auto b = parse::ParseTree::parse("SELECT      price   >   0 -- moved");
    CHECK(key(select_expr(a)) == key(select_expr(b)));

    const char* distinct[] = {
        "price > 0", "price > 1", "price >= 0", "cost > 0", "0 > price", "price > 0.0", "price > '0'",
        "(price > 0) IS TRUE", "now()", "now()::date", "lower(x)", "upper(x)", "lower(x, y)", "x IS NULL",
        "x IS NOT NULL", "'a'", "'b'", "''", "NULL", "true", "false", "ARRAY[1, 2]", "ARRAY[2, 1]",
    };
    std::vector<std::string> keys;
    for (const char* e : distinct) {
        auto t = parse::ParseTree::parse(std::string("SELECT ") + e);
        keys.push_back(key(select_expr(t)));
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        for (std::size_t j = i + 1; j < keys.size(); ++j) {
            INFO(distinct[i], " vs ", distinct[j]);
            CHECK(keys[i] != keys[j]);
        }
    }
}

TEST_CASE("memoized deparsing gives what a fresh deparse gives") {
    // the same fragment twice, then a different one of the same shape: the
    // memo must neither lose the first nor hand it out for the second
    CHECK(parse::canonical_expr("price  >  0") == "price > 0");
    CHECK(parse::canonical_expr("price  >  0") == "price > 0");
    CHECK(parse::canonical_expr("price > 1") == "price > 1");
    auto t1 = parse::ParseTree::parse("SELECT lower( email )");
    auto t2 = parse::ParseTree::parse("SELECT lower(email)");
    auto t3 = parse::ParseTree::parse("SELECT lower(\"Email\")");
    CHECK(parse::deparse_expr(select_expr(t1)) == "lower(email)");
    CHECK(parse::deparse_expr(select_expr(t2)) == "lower(email)");
    CHECK(parse::deparse_expr(select_expr(t3)) == "lower(\"Email\")");
    CHECK(parse::canonical_query("select a from t") == "SELECT a FROM t");
    CHECK(parse::canonical_query("SELECT a FROM t") == "SELECT a FROM t");
    // an error is never memoized as a result
    CHECK_THROWS_AS(parse::canonical_expr("price >"), Error);
    CHECK_THROWS_AS(parse::canonical_expr("price >"), Error);
}

TEST_CASE("parse trees own their nodes when moved") {
    parse::ParseTree moved;
    {
        auto t = parse::ParseTree::parse("SELECT (ts AT TIME ZONE 'UTC')::date; SELECT 1");
        moved = std::move(t);
        CHECK(t.get() == nullptr);
        CHECK(t.statements().empty());
    }
    REQUIRE(moved.statements().size() == 2);
    // the AT TIME ZONE fix-up rewrites the tree when it is deparsed; the
    // cut-off qualifier stays valid until the tree goes
    CHECK(parse::deparse_expr(select_expr(moved)) == "timezone('UTC', ts)::date");
    auto lower = parse::ParseTree::parse("select (ts at   time\n zone 'UTC')::date");
    CHECK(parse::deparse_expr(select_expr(lower)) == "timezone('UTC', ts)::date");
}
