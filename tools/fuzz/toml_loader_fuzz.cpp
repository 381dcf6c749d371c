// libFuzzer target for the TOML loader. Any input must either load or end in
// pgkeel's input error (file:line:column); anything else (a crash, a sanitizer
// report, another exception, a hang) is a bug. Inputs that load are also
// written back as TOML and must load again into the same model.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "catalog/model.hpp"
#include "common/error.hpp"
#include "load/toml_loader.hpp"
#include "render/toml_renderer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    pgkeel::catalog::Catalog cat;
    try {
        cat = pgkeel::load::load_toml_text(text, "fuzz.toml");
    } catch (const pgkeel::Error& e) {
        if (e.kind() != pgkeel::ErrorKind::Input) std::abort();  // only input errors are expected
        if (e.where().line == 0 && std::string(e.what()).find("fuzz.toml:") == std::string::npos) std::abort();
        return 0;
    }
    std::string again = pgkeel::render::render_toml(cat);
    try {
        auto back = pgkeel::load::load_toml_text(again, "again.toml");
        if (pgkeel::catalog::serialize(back) != pgkeel::catalog::serialize(cat)) std::abort();
    } catch (const pgkeel::Error&) {
        std::abort();  // what pgkeel writes must load
    }
    return 0;
}
