#include "load/source.hpp"

#include <algorithm>
#include <filesystem>

#include "common/error.hpp"
#include "load/live_loader.hpp"
#include "load/sql_loader.hpp"

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
        for (const auto& e : fs::recursive_directory_iterator(spec, ec)) {
            if (e.is_regular_file() && e.path().extension() == ".sql") src.files.push_back(e.path().string());
        }
        std::sort(src.files.begin(), src.files.end());
        if (src.files.empty()) throw_input("no .sql files in folder " + spec);
        return src;
    }
    if (fs::is_regular_file(spec, ec)) {
        if (fs::path(spec).extension() != ".sql")
            throw_input("unsupported schema source " + spec + ": expected a .sql file, a folder, or a postgresql:// URL");
        src.files.push_back(spec);
        return src;
    }
    throw_input("schema source not found: " + spec);
}

catalog::Catalog load_source(const Source& src) {
    if (src.kind == SourceKind::Database) return load_live(src.spec).catalog;
    return load_sql_files(src.files);
}

}  // namespace pgkeel::load
