#include "load/source.hpp"

#include <algorithm>
#include <filesystem>

#include "common/error.hpp"
#include "load/live_loader.hpp"
#include "load/sql_loader.hpp"
#include "load/toml_loader.hpp"

namespace pgkeel::load {

namespace fs = std::filesystem;

bool is_connection_string(const std::string& spec) {
    return spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0 ||
           (spec.find('=') != std::string::npos && !fs::exists(spec));
}

Source resolve_source(const std::string& spec) {
    Source src;
    src.spec = spec;
    if (is_connection_string(spec)) {
        src.kind = SourceKind::Database;
        return src;
    }
    std::error_code ec;
    if (fs::is_directory(spec, ec)) {
        std::vector<std::string> toml, sql;
        for (const auto& e : fs::recursive_directory_iterator(spec, ec)) {
            if (!e.is_regular_file()) continue;
            if (e.path().extension() == ".toml") toml.push_back(e.path().string());
            if (e.path().extension() == ".sql") sql.push_back(e.path().string());
        }
        if (!toml.empty() && !sql.empty())
            throw_input("folder " + spec + " holds both .toml and .sql files (" + toml.front() + ", " + sql.front() +
                        "); a schema folder is written in one format");
        if (toml.empty() && sql.empty()) throw_input("no .toml or .sql files in folder " + spec);
        src.kind = toml.empty() ? SourceKind::SqlFiles : SourceKind::TomlFiles;
        src.files = toml.empty() ? sql : toml;
        std::sort(src.files.begin(), src.files.end());
        return src;
    }
    if (fs::is_regular_file(spec, ec)) {
        auto ext = fs::path(spec).extension();
        if (ext != ".sql" && ext != ".toml")
            throw_input("unsupported schema source " + spec +
                        ": expected a .toml or .sql file, a folder of them, or a postgresql:// URL");
        src.kind = ext == ".toml" ? SourceKind::TomlFiles : SourceKind::SqlFiles;
        src.files.push_back(spec);
        return src;
    }
    throw_input("schema source not found: " + spec);
}

catalog::Catalog load_source(const Source& src) {
    switch (src.kind) {
        case SourceKind::Database: return load_live(src.spec).catalog;
        case SourceKind::TomlFiles: return load_toml_files(src.files);
        case SourceKind::SqlFiles: break;
    }
    return load_sql_files(src.files);
}

}  // namespace pgkeel::load
