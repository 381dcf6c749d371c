#include "diff/change.hpp"

namespace pgkeel::diff {

const char* change_kind_name(ChangeKind k) {
    switch (k) {
        case ChangeKind::CreateSchema: return "create_schema";
        case ChangeKind::DropSchema: return "drop_schema";
        case ChangeKind::RenameSchema: return "rename_schema";
        case ChangeKind::CreateExtension: return "create_extension";
        case ChangeKind::DropExtension: return "drop_extension";
        case ChangeKind::UpdateExtension: return "update_extension";
        case ChangeKind::CreateType: return "create_type";
        case ChangeKind::DropType: return "drop_type";
        case ChangeKind::RenameType: return "rename_type";
        case ChangeKind::AddEnumValue: return "add_enum_value";
        case ChangeKind::RenameEnumValue: return "rename_enum_value";
        case ChangeKind::AlterCompositeType: return "alter_composite_type";
        case ChangeKind::AlterDomain: return "alter_domain";
        case ChangeKind::CreateSequence: return "create_sequence";
        case ChangeKind::DropSequence: return "drop_sequence";
        case ChangeKind::RenameSequence: return "rename_sequence";
        case ChangeKind::AlterSequence: return "alter_sequence";
        case ChangeKind::SetSequenceOwner: return "set_sequence_owned_by";
        case ChangeKind::CreateTable: return "create_table";
        case ChangeKind::DropTable: return "drop_table";
        case ChangeKind::RenameTable: return "rename_table";
        case ChangeKind::AlterTable: return "alter_table";
        case ChangeKind::AddColumn: return "add_column";
        case ChangeKind::DropColumn: return "drop_column";
        case ChangeKind::RenameColumn: return "rename_column";
        case ChangeKind::AlterColumnType: return "alter_column_type";
        case ChangeKind::SetColumnDefault: return "set_column_default";
        case ChangeKind::DropColumnDefault: return "drop_column_default";
        case ChangeKind::SetNotNull: return "set_not_null";
        case ChangeKind::DropNotNull: return "drop_not_null";
        case ChangeKind::AddIdentity: return "add_identity";
        case ChangeKind::DropIdentity: return "drop_identity";
        case ChangeKind::AlterIdentity: return "alter_identity";
        case ChangeKind::AddConstraint: return "add_constraint";
        case ChangeKind::DropConstraint: return "drop_constraint";
        case ChangeKind::RenameConstraint: return "rename_constraint";
        case ChangeKind::ValidateConstraint: return "validate_constraint";
        case ChangeKind::CreateIndex: return "create_index";
        case ChangeKind::DropIndex: return "drop_index";
        case ChangeKind::RenameIndex: return "rename_index";
        case ChangeKind::CreateView: return "create_view";
        case ChangeKind::DropView: return "drop_view";
        case ChangeKind::RenameView: return "rename_view";
        case ChangeKind::ReplaceView: return "replace_view";
        case ChangeKind::CreateRoutine: return "create_routine";
        case ChangeKind::DropRoutine: return "drop_routine";
        case ChangeKind::ReplaceRoutine: return "replace_routine";
        case ChangeKind::CreateTrigger: return "create_trigger";
        case ChangeKind::DropTrigger: return "drop_trigger";
        case ChangeKind::EnableTrigger: return "enable_trigger";
        case ChangeKind::CreatePolicy: return "create_policy";
        case ChangeKind::DropPolicy: return "drop_policy";
        case ChangeKind::AlterPolicy: return "alter_policy";
        case ChangeKind::SetComment: return "set_comment";
        case ChangeKind::SetOwner: return "set_owner";
        case ChangeKind::Grant: return "grant";
        case ChangeKind::Revoke: return "revoke";
        case ChangeKind::Backfill: return "backfill";
    }
    return "change";
}

const char* phase_name(Phase p) {
    switch (p) {
        case Phase::Pre: return "pre";
        case Phase::Backfill: return "backfill";
        case Phase::Post: return "post";
    }
    return "pre";
}

const char* lock_name(Lock l) {
    switch (l) {
        case Lock::None: return "none";
        case Lock::AccessShare: return "ACCESS SHARE";
        case Lock::RowShare: return "ROW SHARE";
        case Lock::RowExclusive: return "ROW EXCLUSIVE";
        case Lock::ShareUpdateExclusive: return "SHARE UPDATE EXCLUSIVE";
        case Lock::Share: return "SHARE";
        case Lock::ShareRowExclusive: return "SHARE ROW EXCLUSIVE";
        case Lock::Exclusive: return "EXCLUSIVE";
        case Lock::AccessExclusive: return "ACCESS EXCLUSIVE";
    }
    return "none";
}

namespace {
constexpr Hazard kAllHazards[] = {
    Hazard::DeletesData, Hazard::TableRewrite, Hazard::AccessExclusiveLock, Hazard::ShareLock,
    Hazard::IndexBuild, Hazard::IndexDropped, Hazard::ValidationScan, Hazard::UntrackableDependencies,
    Hazard::AuthzUpdate, Hazard::ExtensionUpgrade, Hazard::Backfill,
};
}  // namespace

const char* hazard_name(Hazard h) {
    switch (h) {
        case Hazard::DeletesData: return "DELETES_DATA";
        case Hazard::TableRewrite: return "TABLE_REWRITE";
        case Hazard::AccessExclusiveLock: return "ACCESS_EXCLUSIVE_LOCK";
        case Hazard::ShareLock: return "SHARE_LOCK";
        case Hazard::IndexBuild: return "INDEX_BUILD";
        case Hazard::IndexDropped: return "INDEX_DROPPED";
        case Hazard::ValidationScan: return "VALIDATION_SCAN";
        case Hazard::UntrackableDependencies: return "UNTRACKABLE_DEPENDENCIES";
        case Hazard::AuthzUpdate: return "AUTHZ_UPDATE";
        case Hazard::ExtensionUpgrade: return "EXTENSION_UPGRADE";
        case Hazard::Backfill: return "BACKFILL";
    }
    return "HAZARD";
}

bool parse_hazard(const std::string& name, Hazard& out) {
    for (Hazard h : kAllHazards) {
        if (name == hazard_name(h)) {
            out = h;
            return true;
        }
    }
    return false;
}

}  // namespace pgkeel::diff
