#include "load/sql_loader.hpp"

#include <fstream>

#include "common/text.hpp"
#include "load/ddl_builder.hpp"

namespace pgkeel::load {

namespace {

// An extension's own comment (from its control file) is what CREATE EXTENSION
// sets; like the live loader, the model keeps only a comment that differs.
void drop_default_extension_comments(catalog::Catalog& cat) {
    for (auto& [name, ext] : cat.extensions) {
        if (!ext.comment) continue;
        for (const char* dir : {"/usr/share/postgresql/15/extension/", "/usr/local/share/postgresql/extension/"}) {
            std::ifstream control(std::string(dir) + name + ".control");
            std::string line;
            while (control && std::getline(control, line)) {
                if (line.rfind("comment", 0) != 0) continue;
                auto open = line.find('\'');
                auto close = line.rfind('\'');
                if (open == std::string::npos || close <= open) continue;
                std::string dflt;
                for (std::size_t i = open + 1; i < close; ++i) {
                    if (line[i] == '\'' && i + 1 < close && line[i + 1] == '\'') ++i;
                    dflt += line[i];
                }
                if (*ext.comment == dflt) ext.comment.reset();
            }
        }
    }
}

}  // namespace

catalog::Catalog load_sql_files(const std::vector<std::string>& files) {
    catalog::Catalog cat;
    DdlBuilder builder(cat);
    for (const auto& f : files) {
        std::string text = read_file(f);
        builder.set_default_schema("public");  // each file starts with the default search_path
        builder.apply_text(text, f);
    }
    builder.finish();
    drop_default_extension_comments(cat);
    catalog::normalize(cat);
    return cat;
}

catalog::Catalog load_sql_text(const std::string& text, const std::string& file) {
    catalog::Catalog cat;
    DdlBuilder builder(cat);
    builder.apply_text(text, file);
    builder.finish();
    drop_default_extension_comments(cat);
    catalog::normalize(cat);
    return cat;
}

}  // namespace pgkeel::load
