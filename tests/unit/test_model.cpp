#include <doctest/doctest.h>

#include "catalog/model.hpp"

using namespace pgkeel::catalog;

namespace {
Column col(const std::string& name, const std::string& type) {
    Column c;
    c.name = name;
    c.type = type;
    return c;
}
Table table(const std::string& name, std::vector<Column> cols) {
    Table t;
    t.qname = {"public", name};
    t.columns = std::move(cols);
    return t;
}
}  // namespace

TEST_CASE("object keys print kind, quoted name and member") {
    CHECK(ObjectKey{ObjectKind::Table, "public", "Order", ""}.str() == "table public.\"Order\"");
    CHECK(ObjectKey{ObjectKind::Constraint, "s", "t", "t_pkey"}.str() == "constraint s.t.t_pkey");
    CHECK(ObjectKey{ObjectKind::Function, "s", "f", "integer, text"}.str() == "function s.f(integer, text)");
    CHECK(ObjectKey{ObjectKind::Table, "a", "b", ""} < ObjectKey{ObjectKind::Table, "a", "c", ""});
}

TEST_CASE("routine identity arguments skip OUT and TABLE parameters") {
    Routine r;
    r.args = {{ArgMode::In, "a", "integer", {}}, {ArgMode::Out, "b", "text", {}},
              {ArgMode::InOut, "c", "bigint", {}}, {ArgMode::Variadic, "d", "text[]", {}},
              {ArgMode::Table, "e", "date", {}}};
    CHECK(r.identity_args() == "integer, bigint, text[]");
}

TEST_CASE("normalize fills sequence defaults so spelled and implied defaults compare equal") {
    Catalog a, b;
    Sequence s1;
    s1.qname = {"public", "s"};
    Sequence s2 = s1;
    s2.options = {"bigint", 1, 1, 1, 9223372036854775807LL, 1, false};
    a.sequences[s1.qname] = s1;
    b.sequences[s2.qname] = s2;
    normalize(a);
    normalize(b);
    CHECK(a == b);
    CHECK(serialize(a) == serialize(b));

    Catalog c;
    Sequence desc;
    desc.qname = {"public", "d"};
    desc.options.data_type = "integer";
    desc.options.increment = -1;
    c.sequences[desc.qname] = desc;
    normalize(c);
    const auto& o = c.sequences.begin()->second.options;
    CHECK(*o.min_value == -2147483648LL);
    CHECK(*o.max_value == -1);
    CHECK(*o.start == -1);
}

TEST_CASE("normalize: primary key and identity imply NOT NULL; identity sequence type follows the column") {
    Catalog cat;
    Column id = col("id", "integer");
    id.identity = Identity::ByDefault;
    Column code = col("code", "text");
    Table t = table("t", {id, code});
    Constraint pk;
    pk.name = "t_pkey";
    pk.type = ConstraintType::PrimaryKey;
    pk.columns = {"code"};
    t.constraints[pk.name] = pk;
    cat.tables[t.qname] = t;
    normalize(cat);
    const Table& n = cat.tables.begin()->second;
    CHECK(n.columns[0].not_null);
    CHECK(n.columns[0].identity_options.data_type == "integer");
    CHECK(*n.columns[0].identity_options.max_value == 2147483647);
    CHECK(n.columns[1].not_null);
}

TEST_CASE("privileges are sorted and de-duplicated") {
    Catalog cat;
    Schema s;
    s.name = "app";
    s.common.acl.grants = {{"b", "USAGE", false}, {"a", "USAGE", false}, {"b", "USAGE", false}};
    cat.schemas["app"] = s;
    normalize(cat);
    const auto& g = cat.schemas["app"].common.acl.grants;
    REQUIRE(g.size() == 2);
    CHECK(g[0].grantee == "a");
}

TEST_CASE("serialization is canonical and the fingerprint tracks every change") {
    Catalog a;
    a.tables[{"public", "b"}] = table("b", {col("x", "integer")});
    a.tables[{"public", "a"}] = table("a", {col("y", "text")});
    normalize(a);
    Catalog b;
    b.tables[{"public", "a"}] = table("a", {col("y", "text")});
    b.tables[{"public", "b"}] = table("b", {col("x", "integer")});
    normalize(b);
    CHECK(serialize(a) == serialize(b));
    CHECK(fingerprint(a) == fingerprint(b));
    CHECK(fingerprint(a).size() == 64);
    std::string s = serialize(a);
    CHECK(s.find("\"public.a\"") < s.find("\"public.b\""));
    CHECK(s.back() == '\n');

    b.tables[{"public", "b"}].columns[0].not_null = true;
    CHECK(fingerprint(a) != fingerprint(b));
    b = a;
    b.tables[{"public", "a"}].columns[0].comment = "c";
    CHECK(fingerprint(a) != fingerprint(b));
    // column order is meaningful
    b = a;
    b.tables[{"public", "a"}].columns.push_back(col("z", "text"));
    Catalog c = a;
    c.tables[{"public", "a"}].columns.insert(c.tables[{"public", "a"}].columns.begin(), col("z", "text"));
    CHECK(serialize(b) != serialize(c));
}

TEST_CASE("names with dots, quotes or parentheses keep their keys apart") {
    // "a.b".c and a."b.c" are two tables; joined with a dot they would read alike
    Catalog both;
    Table t1 = table("c", {col("x", "integer")});
    t1.qname = {"a.b", "c"};
    Table t2 = table("b.c", {col("y", "text")});
    t2.qname = {"a", "b.c"};
    both.tables[t1.qname] = t1;
    both.tables[t2.qname] = t2;
    normalize(both);
    std::string s = serialize(both);
    CHECK(s.find("\"\\\"a.b\\\".\\\"c\\\"\"") != std::string::npos);  // "\"a.b\".\"c\""
    CHECK(s.find("\"\\\"a\\\".\\\"b.c\\\"\"") != std::string::npos);
    CHECK(s.find("\"x\"") != std::string::npos);
    CHECK(s.find("\"y\"") != std::string::npos);
    // and a foreign key to one is not a foreign key to the other
    Catalog r1 = both, r2 = both;
    Constraint fk;
    fk.name = "fk";
    fk.type = ConstraintType::ForeignKey;
    fk.columns = {"x"};
    fk.ref_columns = {"x"};
    fk.ref_table = t1.qname;
    r1.tables[t1.qname].constraints["fk"] = fk;
    fk.ref_table = t2.qname;
    r2.tables[t1.qname].constraints["fk"] = fk;
    CHECK(fingerprint(r1) != fingerprint(r2));
    // plain names keep the plain form
    Catalog plain;
    plain.tables[{"public", "t"}] = table("t", {col("x", "integer")});
    normalize(plain);
    CHECK(serialize(plain).find("\"public.t\"") != std::string::npos);
}

TEST_CASE("strip_owner clears only the given role") {
    Catalog cat;
    Table t = table("t", {});
    t.common.owner = "postgres";
    Table u = table("u", {});
    u.qname.name = "u";
    u.common.owner = "app_owner";
    cat.tables[t.qname] = t;
    cat.tables[u.qname] = u;
    strip_owner(cat, "postgres");
    CHECK(cat.tables[t.qname].common.owner.empty());
    CHECK(cat.tables[u.qname].common.owner == "app_owner");
}
