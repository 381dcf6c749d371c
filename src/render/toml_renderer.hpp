#pragma once
// Renders a catalog in the TOML schema format (docs/schema-format.md). The TOML
// loader reads the output back into an identical model.
#include <map>
#include <string>

#include "catalog/model.hpp"

namespace pgkeel::render {

// The whole schema as one TOML document.
std::string render_toml(const catalog::Catalog& cat);

enum class TomlSplit { Schema, Table };
// The schema as files, by relative path: one per schema ("<schema>.toml"), or
// with Table also one per table and its views' dependants ("<schema>/<table>.toml").
std::map<std::string, std::string> render_toml_files(const catalog::Catalog& cat, TomlSplit split);

}  // namespace pgkeel::render
