#include "exec/conninfo.hpp"

#include <libpq-fe.h>

#include <memory>

#include "common/error.hpp"

namespace pgkeel::exec {

namespace {

// libpq's own key=value quoting: single quotes, backslash-escaped.
std::string conn_value(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::map<std::string, std::string> parse(const std::string& conninfo) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
    if (opts == nullptr) {
        std::string msg = err != nullptr ? err : "out of memory";
        if (err != nullptr) PQfreemem(err);
        while (!msg.empty() && msg.back() == '\n') msg.pop_back();
        throw_input("invalid connection string: " + msg);
    }
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> guard(opts, &PQconninfoFree);
    std::map<std::string, std::string> out;
    for (auto* o = opts; o->keyword != nullptr; ++o)
        if (o->val != nullptr) out[o->keyword] = o->val;
    return out;
}

}  // namespace

std::string with_params(const std::string& conninfo, const std::map<std::string, std::string>& params) {
    auto values = parse(conninfo);
    for (const auto& [k, v] : params) values[k] = v;
    std::string out;
    for (const auto& [k, v] : values) {
        if (!out.empty()) out += ' ';
        out += k + "=" + conn_value(v);
    }
    return out;
}

std::string describe(const std::string& conninfo) {
    auto values = parse(conninfo);
    std::string out;
    for (const char* k : {"host", "port", "dbname", "user"}) {
        auto it = values.find(k);
        if (it == values.end()) continue;
        if (!out.empty()) out += ' ';
        out += std::string(k) + "=" + it->second;
    }
    return out.empty() ? "(libpq defaults)" : out;
}

}  // namespace pgkeel::exec
