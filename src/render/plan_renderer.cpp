#include "render/plan_renderer.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include <map>

#include "common/error.hpp"
#include "common/text.hpp"
#include "diff/diff.hpp"

namespace pgkeel::render {

using diff::Phase;

namespace {

std::string hazard_list(const diff::Change& c) {
    std::vector<std::string> names;
    for (const auto& h : c.hazards) names.emplace_back(diff::hazard_name(h.hazard));
    return join(names, ", ");
}

std::string lock_text(const diff::Change& c) {
    if (c.lock == diff::Lock::None) return "none";
    return std::string(diff::lock_name(c.lock)) + (c.lock_target.empty() ? "" : " on " + c.lock_target);
}

std::map<Phase, int> phase_counts(const plan::Plan& p) {
    std::map<Phase, int> n;
    for (const auto& s : p.steps) ++n[s.change.phase];
    return n;
}

std::string count_line(const plan::Plan& p) {
    auto n = phase_counts(p);
    return std::to_string(p.steps.size()) + " steps (pre " + std::to_string(n[Phase::Pre]) + ", backfill " +
           std::to_string(n[Phase::Backfill]) + ", post " + std::to_string(n[Phase::Post]) + ")";
}

// A comment line safe for SQL: no line breaks.
std::string one_line(std::string s) {
    for (auto& ch : s)
        if (ch == '\n' || ch == '\r') ch = ' ';
    return s;
}

}  // namespace

std::string render_sql(const catalog::Catalog& cat) {
    std::string out = "-- Schema written by pgkeel " PGKEEL_VERSION ". Load into an empty database with psql.\n"
                      "SET check_function_bodies = false;\n"
                      "SET client_min_messages = warning;\n";
    std::optional<diff::ChangeKind> previous;
    for (const auto& s : plan::order(diff::diff(catalog::Catalog{}, cat))) {
        if (previous != s.change.kind) out += "\n";  // a blank line between runs of one kind
        previous = s.change.kind;
        out += s.change.sql + ";\n";
    }
    return out;
}

std::string plan_sql(const plan::Plan& p, std::optional<Phase> phase) {
    std::string out = "-- pgkeel " PGKEEL_VERSION " plan";
    if (!p.id.empty()) out += " " + p.id;
    out += ": " + count_line(p) + "\n";
    out += "-- Statements marked [no transaction] must run outside a transaction block.\n";
    std::optional<Phase> current;
    for (const auto& s : p.steps) {
        const auto& c = s.change;
        if (phase && c.phase != *phase) continue;
        if (current != c.phase) {
            out += "\n-- ================ phase " + std::string(diff::phase_name(c.phase)) + "\n";
            current = c.phase;
        }
        out += "\n-- step " + std::to_string(s.number) + ": " + one_line(c.summary) + "\n";
        out += "--   lock: " + one_line(lock_text(c));
        if (!c.transactional) out += " [no transaction]";
        out += "\n";
        if (!c.hazards.empty()) out += "--   hazards: " + hazard_list(c) + "\n";
        out += c.sql + ";\n";
    }
    return out;
}

std::string plan_text(const plan::Plan& p, bool color) {
    auto paint = [&](const char* code, const std::string& s) { return color ? std::string("\033[") + code + "m" + s + "\033[0m" : s; };
    if (p.empty()) return "No changes: the schemas are the same.\n";
    std::string out = paint("1", "Plan: " + count_line(p)) + "\n";
    auto hz = p.hazards();
    if (!hz.empty()) {
        std::vector<std::string> names;
        for (auto h : hz) names.emplace_back(diff::hazard_name(h));
        out += paint("33", "Hazards: " + join(names, ", ")) + "\n";
    }
    std::optional<Phase> current;
    for (const auto& s : p.steps) {
        const auto& c = s.change;
        if (current != c.phase) {
            out += "\n" + paint("1", std::string("-- ") + diff::phase_name(c.phase)) + "\n";
            current = c.phase;
        }
        out += std::to_string(s.number) + ". " + c.summary + "\n";
        for (const auto& h : c.hazards)
            out += "   " + paint(h.hazard == diff::Hazard::DeletesData ? "31" : "33", std::string(diff::hazard_name(h.hazard))) + ": " + h.why + "\n";
        std::string sql = c.sql;
        std::string indented;
        for (char ch : sql) {
            indented += ch;
            if (ch == '\n') indented += "   ";
        }
        out += "   " + paint("2", indented + ";") + "\n";
    }
    return out;
}

std::string plan_json(const plan::Plan& p, const plan::Plan* reverse) {
    using nlohmann::ordered_json;
    if (p.source_fingerprint.empty() || p.target_fingerprint.empty())
        throw Error(ErrorKind::Internal, "plan.json needs both fingerprints (plan::make_plan with Fingerprints::taken)");
    ordered_json j;
    j["format"] = "pgkeel-plan/1";
    j["id"] = p.id;
    j["parent"] = p.parent.empty() ? ordered_json(nullptr) : ordered_json(p.parent);
    j["source_fingerprint"] = p.source_fingerprint;
    j["target_fingerprint"] = p.target_fingerprint;
    ordered_json hz = ordered_json::array();
    for (auto h : p.hazards()) hz.push_back(diff::hazard_name(h));
    j["hazards"] = hz;
    ordered_json steps = ordered_json::array();
    for (const auto& s : p.steps) {
        const auto& c = s.change;
        ordered_json st;
        st["step"] = s.number;
        st["phase"] = diff::phase_name(c.phase);
        st["kind"] = diff::change_kind_name(c.kind);
        st["object"] = c.key.str();
        st["summary"] = c.summary;
        st["sql"] = c.sql;
        st["transactional"] = c.transactional;
        st["lock"] = diff::lock_name(c.lock);
        st["lock_target"] = c.lock_target;
        ordered_json h = ordered_json::array();
        for (const auto& x : c.hazards) h.push_back({{"hazard", diff::hazard_name(x.hazard)}, {"why", x.why}});
        st["hazards"] = h;
        st["fingerprint"] = c.fingerprint;
        st["sha256"] = s.sha256;
        steps.push_back(std::move(st));
    }
    j["steps"] = steps;
    if (reverse != nullptr) {
        ordered_json r;
        ordered_json rh = ordered_json::array();
        for (auto h : reverse->hazards()) rh.push_back(diff::hazard_name(h));
        r["file"] = "reverse.sql";
        r["steps"] = reverse->steps.size();
        r["hazards"] = rh;
        j["reverse"] = r;
    }
    return j.dump(2) + "\n";
}

namespace {

std::string with_thousands(long long n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string bytes_text(long long b) {
    const char* units[] = {"B", "kB", "MB", "GB", "TB"};
    double v = static_cast<double>(b);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

}  // namespace

std::string plan_markdown(const plan::Plan& p, const plan::Plan* reverse) {
    auto cell = [](std::string s) {
        std::string out;
        for (char ch : s) {
            if (ch == '|') out += "\\|";
            else if (ch == '\n') out += ' ';
            else out += ch;
        }
        return out;
    };
    std::string out = "# Plan" + (p.id.empty() ? std::string() : " " + p.id) + "\n\n";
    if (p.empty()) return out + "No changes.\n";
    out += count_line(p) + ".\n\n";
    std::vector<const plan::Step*> destructive, hazardous;
    for (const auto& s : p.steps) {
        for (const auto& h : s.change.hazards) {
            if (h.hazard == diff::Hazard::DeletesData) {
                destructive.push_back(&s);
                break;
            }
        }
        if (!s.change.hazards.empty()) hazardous.push_back(&s);
    }
    if (!destructive.empty()) {
        out += "## Destructive changes\n\n";
        for (const auto* s : destructive) out += "- **step " + std::to_string(s->number) + "**: " + cell(s->change.summary) + "\n";
        out += "\n";
    }
    if (!hazardous.empty()) {
        out += "## Hazards\n\n";
        for (const auto* s : hazardous)
            for (const auto& h : s->change.hazards)
                out += "- `" + std::string(diff::hazard_name(h.hazard)) + "` (step " + std::to_string(s->number) + "): " + cell(h.why) + "\n";
        out += "\n";
    }
    out += "## Steps\n\n| # | phase | change | lock | hazards |\n|---|---|---|---|---|\n";
    for (const auto& s : p.steps) {
        const auto& c = s.change;
        out += "| " + std::to_string(s.number) + " | " + diff::phase_name(c.phase) + " | " + cell(c.summary) + " | " + cell(lock_text(c)) +
               (c.transactional ? "" : " (no transaction)") + " | " + cell(hazard_list(c)) + " |\n";
    }
    if (!p.table_sizes.empty()) {
        out += "\n## Tables touched\n\nSizes as the database estimates them (`reltuples`, `pg_total_relation_size`): "
               "what a scan, a rewrite or an index build has to go through.\n\n| table | rows (est.) | size | steps |\n|---|---:|---:|---|\n";
        for (const auto& [table, size] : p.table_sizes) {
            std::vector<std::string> steps;
            for (const auto& s : p.steps)
                if (s.change.lock_target == table) steps.push_back(std::to_string(s.number));
            out += "| " + cell(table) + " | " + (size.rows < 0 ? std::string("not analyzed") : with_thousands(size.rows)) + " | " +
                   bytes_text(size.bytes) + " | " + join(steps, ", ") + " |\n";
        }
    }
    std::vector<const plan::Step*> backfills;
    for (const auto& s : p.steps)
        if (s.change.phase == Phase::Backfill) backfills.push_back(&s);
    if (!backfills.empty()) {
        out += "\n## Backfills\n\nRun by `pgkeel backfill` in batches; the post phase waits until they are complete.\n\n";
        for (const auto* s : backfills) out += "- step " + std::to_string(s->number) + ": " + cell(s->change.summary) + "\n";
    }
    if (reverse != nullptr) {
        out += "\n## Reverse plan\n\n`reverse.sql` goes back to the source schema in " + std::to_string(reverse->steps.size()) + " steps";
        auto rh = reverse->hazards();
        if (rh.empty()) {
            out += ", with no hazards.\n";
        } else {
            std::vector<std::string> names;
            for (auto h : rh) names.push_back("`" + std::string(diff::hazard_name(h)) + "`");
            out += "; hazards: " + join(names, ", ") + ".\n";
        }
    }
    out += "\n## SQL\n\n```sql\n" + plan_sql(p) + "```\n";
    return out;
}

}  // namespace pgkeel::render
