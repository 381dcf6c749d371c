#pragma once
// The diff stage's output: a closed set of typed changes between two catalog
// models. Each change carries the statement that makes it, the lock that
// statement takes, its hazards, a fingerprint predicate, and the object keys
// it needs, produces and removes, from which the plan stage builds the
// dependency graph. Plain data: no I/O.
#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace pgkeel::diff {

// What a change does. Stable names (change_kind_name) appear in plan.json.
enum class ChangeKind {
    CreateSchema, DropSchema, RenameSchema,
    CreateExtension, DropExtension, UpdateExtension,
    CreateType, DropType, RenameType, AddEnumValue, RenameEnumValue, AlterCompositeType,
    AlterDomain,
    CreateSequence, DropSequence, RenameSequence, AlterSequence, SetSequenceOwner,
    CreateTable, DropTable, RenameTable, AlterTable,  // AlterTable: options, logged, RLS, partition attach/detach
    AddColumn, DropColumn, RenameColumn, AlterColumnType, SetColumnDefault, DropColumnDefault,
    SetNotNull, DropNotNull, AddIdentity, DropIdentity, AlterIdentity,
    AddConstraint, DropConstraint, RenameConstraint, ValidateConstraint,
    CreateIndex, DropIndex, RenameIndex,
    CreateView, DropView, RenameView, ReplaceView,
    CreateRoutine, DropRoutine, ReplaceRoutine,
    CreateTrigger, DropTrigger, EnableTrigger,
    CreatePolicy, DropPolicy, AlterPolicy,
    SetComment, SetOwner, Grant, Revoke,
    Backfill,
};
const char* change_kind_name(ChangeKind k);  // "add_column", ...

// The plan's phases: expand (pre), data (backfill), contract (post).
enum class Phase { Pre, Backfill, Post };
const char* phase_name(Phase p);  // "pre", "backfill", "post"

// The strongest table lock a statement takes (PostgreSQL's lock modes).
enum class Lock {
    None, AccessShare, RowShare, RowExclusive, ShareUpdateExclusive, Share, ShareRowExclusive, Exclusive, AccessExclusive,
};
const char* lock_name(Lock l);  // "ACCESS EXCLUSIVE", "none"

enum class Hazard {  // Backfill stays last: `apply --allow-hazards` lists the names up to it
    DeletesData, TableRewrite, AccessExclusiveLock, ShareLock, IndexBuild, IndexDropped, ValidationScan,
    UntrackableDependencies, AuthzUpdate, ExtensionUpgrade, Backfill,
};
const char* hazard_name(Hazard h);  // "DELETES_DATA", ...
bool parse_hazard(const std::string& name, Hazard& out);

struct HazardNote {
    Hazard hazard;
    std::string why;  // one line for the reviewer
    auto operator<=>(const HazardNote&) const = default;
};

struct Change {
    ChangeKind kind{};
    catalog::ObjectKey key;  // the object acted on
    std::string summary;     // "add column email text", for review output
    std::string sql;         // one statement, without the trailing semicolon
    Phase phase = Phase::Pre;
    bool transactional = true;  // false: CONCURRENTLY, ALTER TYPE ... ADD VALUE
    Lock lock = Lock::None;
    std::string lock_target;  // the relation locked (quoted), empty when none
    std::vector<HazardNote> hazards;
    std::string fingerprint;  // SQL boolean: true exactly when the effect holds

    // Ordering facts. `needs`: objects (in the target schema) that must exist
    // before this runs. `provides`: objects it creates or redefines. `removes`:
    // objects that stop existing in their old form. `needs_old`: objects (of
    // the source schema) this change still uses, so they must be removed after.
    std::vector<catalog::ObjectKey> needs, provides, removes, needs_old;
};

}  // namespace pgkeel::diff
