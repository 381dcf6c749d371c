#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <limits>
#include <random>

#include "catalog/json_out.hpp"

using pgkeel::catalog::Json;

TEST_CASE("Json writes what nlohmann::json::dump(2) writes") {
    Json j;
    nlohmann::json n;
    // keys set out of order, one of them twice (the last value counts)
    j["zeta"] = "last";
    n["zeta"] = "last";
    j["alpha"] = int64_t{-42};
    n["alpha"] = int64_t{-42};
    j["zeta"] = "again";
    n["zeta"] = "again";
    j["max"] = std::numeric_limits<int64_t>::max();
    n["max"] = std::numeric_limits<int64_t>::max();
    j["Upper"] = true;
    n["Upper"] = true;
    j["_under"] = false;
    n["_under"] = false;
    j["a b"] = Json();
    n["a b"] = nullptr;
    j["empty_object"] = Json::object();
    n["empty_object"] = nlohmann::json::object();
    j["empty_array"] = Json::array();
    n["empty_array"] = nlohmann::json::array();
    for (double d : {0.5, 100.0, 1e20, 1.0 / 3, -0.0, 2.5e-7}) {
        std::string key(1, 'd');
        key += std::to_string(d);
        j[key] = d;
        n[key] = d;
    }
    std::string every_byte;
    for (int c = 1; c < 0x80; ++c) every_byte += static_cast<char>(c);
    every_byte += "é 日本 🐘";
    j["text"] = every_byte;
    n["text"] = every_byte;
    j[every_byte] = "as a key";
    n[every_byte] = "as a key";
    std::vector<std::string> list = {"b", "a", "", "\"q\""};
    j["list"] = list;
    n["list"] = list;
    std::map<std::string, std::string> map = {{"y", "1"}, {"x", "2"}};
    j["map"] = map;
    n["map"] = map;
    Json nested = {{"k2", Json(int64_t{2})}, {"k1", Json("one")}};
    nested["inner"].push_back(Json({{"b", Json(true)}, {"a", Json::array()}}));
    nested["inner"].push_back("x");
    j["nested"] = nested;
    n["nested"] = {{"k2", 2}, {"k1", "one"}};
    n["nested"]["inner"].push_back({{"b", true}, {"a", nlohmann::json::array()}});
    n["nested"]["inner"].push_back("x");
    CHECK(j.dump() == n.dump(2));
    CHECK(Json().dump() == "null");
}

TEST_CASE("Json orders many keys as std::map does") {
    std::mt19937 rng(7);
    Json j;
    nlohmann::json n;
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
        j[cleaned] = int64_t{i};
        n[cleaned] = int64_t{i};
    }
    CHECK(j.dump() == n.dump(2));
}

TEST_CASE("Json refuses invalid UTF-8 as nlohmann does") {
    Json j;
    j["bad"] = std::string("\xff\xfe");
    CHECK_THROWS_AS(j.dump(), nlohmann::json::type_error);
    Json k;
    k["overlong"] = std::string("\xc0\xaf");
    CHECK_THROWS_AS(k.dump(), nlohmann::json::type_error);
}
