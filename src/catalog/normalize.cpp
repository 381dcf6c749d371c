#include <algorithm>
#include <limits>

#include "catalog/model.hpp"

namespace pgkeel::catalog {
namespace {

void sort_acl(Acl& acl) {
    std::sort(acl.grants.begin(), acl.grants.end());
    acl.grants.erase(std::unique(acl.grants.begin(), acl.grants.end()), acl.grants.end());
    std::sort(acl.revokes.begin(), acl.revokes.end());
    acl.revokes.erase(std::unique(acl.revokes.begin(), acl.revokes.end()), acl.revokes.end());
}

void normalize_common(ObjectCommon& c) { sort_acl(c.acl); }

}  // namespace

// PostgreSQL's defaults for a sequence of the given type (CREATE SEQUENCE docs).
void fill_sequence_defaults(SequenceOptions& o) {
    if (o.data_type.empty()) o.data_type = "bigint";
    int64_t type_max = std::numeric_limits<int64_t>::max();
    if (o.data_type == "smallint") type_max = std::numeric_limits<int16_t>::max();
    if (o.data_type == "integer") type_max = std::numeric_limits<int32_t>::max();
    if (!o.increment) o.increment = 1;
    bool ascending = *o.increment > 0;
    if (!o.min_value) o.min_value = ascending ? 1 : -type_max - 1;
    if (!o.max_value) o.max_value = ascending ? type_max : -1;
    if (!o.start) o.start = ascending ? *o.min_value : *o.max_value;
    if (!o.cache) o.cache = 1;
}

void normalize(Catalog& cat) {
    for (auto& [_, s] : cat.schemas) normalize_common(s.common);
    for (auto& [_, e] : cat.enums) normalize_common(e.common);
    for (auto& [_, d] : cat.domains) {
        normalize_common(d.common);
        std::sort(d.checks.begin(), d.checks.end(),
                  [](const DomainCheck& a, const DomainCheck& b) { return a.name < b.name; });
    }
    for (auto& [_, c] : cat.composites) normalize_common(c.common);
    for (auto& [_, s] : cat.sequences) {
        normalize_common(s.common);
        if (s.owned_by_table) s.common.owner.clear();  // an owned sequence's owner follows its table
        fill_sequence_defaults(s.options);
    }
    for (auto& [_, t] : cat.tables) {
        normalize_common(t.common);
        std::sort(t.options.begin(), t.options.end());
        for (auto& c : t.columns) {
            sort_acl(c.acl);
            sort_acl(c.identity_acl);
            if (c.identity != Identity::None) {
                c.not_null = true;  // identity implies NOT NULL
                if (c.identity_options.data_type.empty() &&
                    (c.type == "smallint" || c.type == "integer" || c.type == "bigint"))
                    c.identity_options.data_type = c.type;
                fill_sequence_defaults(c.identity_options);
                if (c.identity_sequence == t.qname.name + "_" + c.name + "_seq") c.identity_sequence.clear();
            } else {
                c.identity_options = {};
                c.identity_sequence.clear();
                c.identity_acl = {};
            }
        }
        for (auto& [_, p] : t.policies) std::sort(p.roles.begin(), p.roles.end());
        for (auto& [_, k] : t.constraints) {
            // PRIMARY KEY implies NOT NULL on its columns.
            if (k.type == ConstraintType::PrimaryKey)
                for (const auto& col : k.columns)
                    if (auto* c = t.find_column(col)) c->not_null = true;
        }
    }
    for (auto& [_, i] : cat.indexes) std::sort(i.options.begin(), i.options.end());
    for (auto& [_, v] : cat.views) {
        normalize_common(v.common);
        std::sort(v.options.begin(), v.options.end());
    }
    for (auto& [_, r] : cat.routines) {
        normalize_common(r.common);
        std::sort(r.config.begin(), r.config.end());
    }
}

void strip_owner(Catalog& cat, const std::string& role) {
    auto strip = [&](ObjectCommon& c) {
        if (c.owner == role) c.owner.clear();
    };
    for (auto& [_, s] : cat.schemas) strip(s.common);
    for (auto& [_, e] : cat.enums) strip(e.common);
    for (auto& [_, d] : cat.domains) strip(d.common);
    for (auto& [_, c] : cat.composites) strip(c.common);
    for (auto& [_, s] : cat.sequences) strip(s.common);
    for (auto& [_, t] : cat.tables) strip(t.common);
    for (auto& [_, v] : cat.views) strip(v.common);
    for (auto& [_, r] : cat.routines) strip(r.common);
}

std::set<std::string> referenced_roles(const Catalog& cat) {
    std::set<std::string> out;
    auto acl = [&](const Acl& a) {
        for (const auto* items : {&a.grants, &a.revokes})
            for (const auto& i : *items)
                if (i.grantee != "PUBLIC") out.insert(i.grantee);
    };
    auto common = [&](const ObjectCommon& c) {
        if (!c.owner.empty()) out.insert(c.owner);
        acl(c.acl);
    };
    for (const auto& [_, s] : cat.schemas) common(s.common);
    for (const auto& [_, e] : cat.enums) common(e.common);
    for (const auto& [_, d] : cat.domains) common(d.common);
    for (const auto& [_, c] : cat.composites) common(c.common);
    for (const auto& [_, s] : cat.sequences) common(s.common);
    for (const auto& [_, v] : cat.views) common(v.common);
    for (const auto& [_, r] : cat.routines) common(r.common);
    for (const auto& [_, t] : cat.tables) {
        common(t.common);
        for (const auto& c : t.columns) {
            acl(c.acl);
            acl(c.identity_acl);
        }
        for (const auto& [_, p] : t.policies) out.insert(p.roles.begin(), p.roles.end());
    }
    return out;
}

}  // namespace pgkeel::catalog
