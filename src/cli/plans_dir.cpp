#include "cli/plans_dir.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "common/error.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "load/toml_loader.hpp"
#include "render/plan_renderer.hpp"
#include "render/toml_renderer.hpp"

namespace pgkeel::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSumFile = "pgkeel.sum";
constexpr const char* kSnapshot = "schema.toml";

bool plan_folder_name(const std::string& name) {
    return name.size() > 5 && std::all_of(name.begin(), name.begin() + 4, [](unsigned char c) { return std::isdigit(c); }) &&
           name[4] == '_';
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) throw_input("cannot write " + path.string());
}

}  // namespace

std::vector<PlanFolder> PlansDir::folders() const {
    std::vector<PlanFolder> out;
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) return out;
    for (const auto& e : fs::directory_iterator(root_)) {
        std::string name = e.path().filename().string();
        if (e.is_directory() && plan_folder_name(name)) out.push_back({name, e.path()});
    }
    std::sort(out.begin(), out.end(), [](const PlanFolder& a, const PlanFolder& b) { return a.id < b.id; });
    return out;
}

catalog::Catalog PlansDir::snapshot(const PlanFolder& f) const {
    fs::path p = f.path / kSnapshot;
    std::error_code ec;
    if (!fs::exists(p, ec)) throw_input("plan folder " + f.path.string() + " has no " + kSnapshot + "; the plan chain is damaged");
    return load::load_toml_files({p.string()});
}

catalog::Catalog PlansDir::last_snapshot() const {
    auto all = folders();
    if (all.empty()) return {};
    return snapshot(all.back());
}

std::string PlansDir::next_id(const std::string& name) const {
    auto all = folders();
    int n = all.empty() ? 1 : std::stoi(all.back().id.substr(0, 4)) + 1;
    std::string slug;
    for (char c : name.empty() ? std::string("plan") : name) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) slug += static_cast<char>(std::tolower(u));
        else if (!slug.empty() && slug.back() != '_') slug += '_';
    }
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
    if (slug.empty()) slug = "plan";
    if (slug.size() > 48) slug.resize(48);
    std::string num = std::to_string(n);
    if (num.size() < 4) num.insert(0, 4 - num.size(), '0');
    return num + "_" + slug;
}

std::vector<std::pair<std::string, std::string>> PlansDir::files(const plan::Plan& p, const plan::Plan& reverse,
                                                                 const catalog::Catalog& target) {
    std::vector<std::pair<std::string, std::string>> out;
    const std::pair<diff::Phase, const char*> phases[] = {
        {diff::Phase::Pre, "1_pre.sql"}, {diff::Phase::Backfill, "2_backfill.sql"}, {diff::Phase::Post, "3_post.sql"}};
    for (const auto& [phase, file] : phases) {
        bool any = std::any_of(p.steps.begin(), p.steps.end(), [&](const plan::Step& s) { return s.change.phase == phase; });
        if (any) out.emplace_back(file, render::plan_sql(p, phase));
    }
    out.emplace_back("plan.json", render::plan_json(p, &reverse));
    out.emplace_back("plan.md", render::plan_markdown(p, &reverse));
    out.emplace_back("reverse.sql", render::plan_sql(reverse));
    out.emplace_back(kSnapshot, "# The target schema of plan " + p.id + " (pgkeel writes this file; do not edit).\n" +
                                    render::render_toml(target));
    return out;
}

void PlansDir::write(const plan::Plan& p, const plan::Plan& reverse, const catalog::Catalog& target) const {
    fs::path dir = root_ / p.id;
    std::error_code ec;
    if (fs::exists(dir, ec)) throw_input("plan folder " + dir.string() + " exists already");
    fs::create_directories(dir, ec);
    if (ec) throw_input("cannot create " + dir.string() + ": " + ec.message());
    for (const auto& [name, text] : files(p, reverse, target)) write_file(dir / name, text);
    write_file(root_ / kSumFile, sum_text());
}

std::string PlansDir::sum_text() const {
    std::string out = "# pgkeel plan chain: the sha256 of every plan file, and of each plan chained to its parent.\n"
                      "# pgkeel writes this file; a plan edited by hand no longer matches it.\n";
    std::string chain;
    for (const auto& f : folders()) {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(f.path))
            if (e.is_regular_file()) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        std::string folder_hashes;
        for (const auto& n : names) {
            std::string h = sha256_hex(read_file((f.path / n).string()));
            out += h + "  " + f.id + "/" + n + "\n";
            folder_hashes += h + " " + n + "\n";
        }
        chain = sha256_hex(chain + "\n" + f.id + "\n" + folder_hashes);
        out += chain + "  " + f.id + " (chain)\n";
    }
    return out;
}

std::vector<std::string> PlansDir::verify() const {
    std::vector<std::string> problems;
    std::error_code ec;
    fs::path sum = root_ / kSumFile;
    if (folders().empty()) return problems;
    if (!fs::exists(sum, ec)) return {sum.string() + " is missing"};
    std::map<std::string, std::string> want, have;
    auto parse = [](const std::string& text, std::map<std::string, std::string>& into) {
        std::istringstream in(text);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            auto sep = line.find("  ");
            if (sep == std::string::npos) continue;
            into[line.substr(sep + 2)] = line.substr(0, sep);
        }
    };
    parse(read_file(sum.string()), have);
    parse(sum_text(), want);
    for (const auto& [name, hash] : want) {
        auto it = have.find(name);
        if (it == have.end()) problems.push_back(name + ": not in " + std::string(kSumFile) + " (added by hand?)");
        else if (it->second != hash) problems.push_back(name + ": changed since pgkeel wrote it");
    }
    for (const auto& [name, hash] : have)
        if (!want.contains(name)) problems.push_back(name + ": listed in " + std::string(kSumFile) + " but missing");
    return problems;
}

}  // namespace pgkeel::cli
