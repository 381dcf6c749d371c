#pragma once
// Reading libpg_query's JSON parse output (pg_query_parse) straight into the
// protobuf-c structs of pg_query.pb-c.h that the rest of pgkeel walks.
//
// Why: libpg_query 15 builds its protobuf output as a protobuf-c tree of its
// own, packs it, and the caller unpacks it again; for a schema file that is
// 2.5x the time of its JSON output, which is written straight from the parse
// tree. Both outputs are generated from the same node definitions, so the
// JSON names every field the protobuf has (libpg_query's json_name is the C
// field name, the protobuf name its snake_case). The reader is generic over
// the protobuf-c descriptors: a JSON key matches the field whose name equals
// it ignoring case and underscores, a Node's single key names its oneof
// member, enums are written by value name. tests/unit/test_json_tree.cpp
// checks that the result packs to exactly libpg_query's protobuf bytes.
#include <pg_query/pg_query.pb-c.h>

#include <string_view>

namespace pgkeel::parse {

// json is pg_query_parse's output for sql. Builds the tree in memory from
// allocator (nothing is freed through it). Malformed JSON or a key no field
// matches is an internal error: the text comes from libpg_query, never from a
// user. Integers the JSON lost are recovered (see json_tree.cpp).
PgQuery__ParseResult* read_json_parse_result(std::string_view json, std::string_view sql,
                                             ProtobufCAllocator& allocator);

}  // namespace pgkeel::parse
