#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <limits>
#include <random>

#include "catalog/json_out.hpp"

using pgkeel::catalog::JsonWriter;

TEST_CASE("JsonWriter writes what nlohmann::json::dump(2) writes") {
    JsonWriter w;
    nlohmann::json n;
    w.begin_object();
    // keys written out of order, one of them twice (the last value counts)
    w.key("zeta").value("last");
    n["zeta"] = "last";
    w.key("alpha").value(int64_t{-42});
    n["alpha"] = int64_t{-42};
    w.key("zeta").value("again");
    n["zeta"] = "again";
    w.key("max").value(std::numeric_limits<int64_t>::max());
    n["max"] = std::numeric_limits<int64_t>::max();
    w.key("Upper").value(true);
    n["Upper"] = true;
    w.key("_under").value(false);
    n["_under"] = false;
    w.key("a b").null();
    n["a b"] = nullptr;
    w.key("empty_object").begin_object();
    w.end_object();
    n["empty_object"] = nlohmann::json::object();
    w.key("empty_array").begin_array();
    w.end_array();
    n["empty_array"] = nlohmann::json::array();
    for (double d : {0.5, 100.0, 1e20, 1.0 / 3, -0.0, 2.5e-7}) {
        std::string key(1, 'd');
        key += std::to_string(d);
        w.key(key).value(d);
        n[key] = d;
    }
    std::string every_byte;
    for (int c = 1; c < 0x80; ++c) every_byte += static_cast<char>(c);
    every_byte += "é 日本 🐘";
    w.key("text").value(every_byte);
    n["text"] = every_byte;
    w.key(every_byte).value("as a key");
    n[every_byte] = "as a key";
    std::vector<std::string> list = {"b", "a", "", "\"q\""};
    w.key("list").value(list);
    n["list"] = list;
    std::map<std::string, std::string> map = {{"y", "1"}, {"x", "2"}};
    w.key("map").value(map);
    n["map"] = map;
    // a nested object out of order, holding an array that holds an object out of order
    w.key("nested").begin_object();
    w.key("k2").value(int64_t{2});
    w.key("k1").value("one");
    w.key("inner").begin_array();
    w.begin_object();
    w.key("b").value(true);
    w.key("a").begin_array();
    w.end_array();
    w.end_object();
    w.value("x");
    w.end_array();
    w.end_object();
    n["nested"] = {{"k2", 2}, {"k1", "one"}};
    n["nested"]["inner"].push_back({{"b", true}, {"a", nlohmann::json::array()}});
    n["nested"]["inner"].push_back("x");
    w.end_object();
    CHECK(w.text() == n.dump(2));

    JsonWriter scalar;
    scalar.null();
    CHECK(scalar.text() == "null");
    JsonWriter empty;
    empty.begin_object();
    empty.end_object();
    CHECK(empty.text() == "{}");
}

TEST_CASE("JsonWriter orders many keys, and nested objects among them, as std::map does") {
    std::mt19937 rng(7);
    JsonWriter w;
    nlohmann::json n;
    w.begin_object();
    for (int i = 0; i < 500; ++i) {
        std::string key;
        for (int k = 0; k < 1 + static_cast<int>(rng() % 6); ++k) key += static_cast<char>(" .Aa_z\x7f\xc3\xa9"[rng() % 9]);
        // keep the keys valid UTF-8 (é is C3 A9): drop a lone C3 or A9
        std::string cleaned;
        for (std::size_t p = 0; p < key.size(); ++p) {
            auto c = static_cast<unsigned char>(key[p]);
            if (c == 0xa9 && (p == 0 || static_cast<unsigned char>(key[p - 1]) != 0xc3)) continue;
            if (c == 0xc3 && (p + 1 >= key.size() || static_cast<unsigned char>(key[p + 1]) != 0xa9)) continue;
            cleaned += key[p];
        }
        if (i % 7 == 0) {  // an object value, itself written in reverse order
            w.key(cleaned).begin_object();
            w.key("z").value(int64_t{i});
            w.key("m").begin_array();
            w.value(int64_t{i});
            w.end_array();
            w.key("a").value(cleaned);
            w.end_object();
            n[cleaned] = {{"z", i}, {"m", {i}}, {"a", cleaned}};
        } else {
            w.key(cleaned).value(int64_t{i});
            n[cleaned] = int64_t{i};
        }
    }
    w.end_object();
    CHECK(w.text() == n.dump(2));
}

TEST_CASE("JsonWriter refuses invalid UTF-8 as nlohmann does") {
    JsonWriter w;
    w.begin_object();
    CHECK_THROWS_AS(w.key("bad").value(std::string("\xff\xfe")), nlohmann::json::type_error);
    JsonWriter k;
    k.begin_array();
    CHECK_THROWS_AS(k.value(std::string("\xc0\xaf")), nlohmann::json::type_error);
}
