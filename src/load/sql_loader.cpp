#include "load/sql_loader.hpp"

#include "common/text.hpp"
#include "load/ddl_builder.hpp"

namespace pgkeel::load {

catalog::Catalog load_sql_files(const std::vector<std::string>& files) {
    catalog::Catalog cat;
    DdlBuilder builder(cat);
    for (const auto& f : files) {
        std::string text = read_file(f);
        builder.set_default_schema("public");  // each file starts with the default search_path
        builder.apply_text(text, f);
    }
    builder.finish();
    catalog::normalize(cat);
    return cat;
}

catalog::Catalog load_sql_text(const std::string& text, const std::string& file) {
    catalog::Catalog cat;
    DdlBuilder builder(cat);
    builder.apply_text(text, file);
    builder.finish();
    catalog::normalize(cat);
    return cat;
}

}  // namespace pgkeel::load
