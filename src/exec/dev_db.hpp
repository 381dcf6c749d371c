#pragma once
// The dev database: declared schemas go through a real server before they are
// compared with a live one, so both sides carry the server's spelling
// (`'x'::text`, `pg_get_viewdef` text, ...). Either an embedded, disposable
// PostgreSQL that pgkeel starts itself (initdb + pg_ctl in a temp dir, unix
// socket only, removed on exit, on error, on Ctrl-C and even on kill -9,
// through a reaper process that waits for pgkeel to go away), or a server
// the user names (`--dev-db URL`), where pgkeel creates and drops a temporary
// database of its own per schema.
#include <string>

#include "catalog/model.hpp"

namespace pgkeel::exec {

class DevDatabase {
public:
    // url empty: the embedded server, started on first use.
    explicit DevDatabase(std::string url = {});
    ~DevDatabase();
    DevDatabase(const DevDatabase&) = delete;
    DevDatabase& operator=(const DevDatabase&) = delete;

    // Loads `declared` (directives left out) into a fresh database, reads it
    // back through pg_catalog and drops the database. Owners equal to the dev
    // server's role or to `live_user` (the role the live side connected as)
    // are cleared, as the live side clears its own.
    catalog::Catalog normalize(const catalog::Catalog& declared, const std::string& live_user);

    // Where the dev database runs, for messages.
    [[nodiscard]] std::string description() const;

private:
    void start_embedded();
    std::string url_;   // --dev-db, or the embedded server's conninfo once started
    bool embedded_ = false;
    std::string dir_;   // embedded: the temp dir holding data, socket and log
    int reaper_pipe_ = -1;
    int reaper_pid_ = -1;
    int counter_ = 0;
};

}  // namespace pgkeel::exec
