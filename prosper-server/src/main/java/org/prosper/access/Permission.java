package org.prosper.access;

public enum Permission {
    VIEW_REGISTRY,
    EDIT_REGISTRY,
    IMPORT_REGISTRY,
    /** See names, national IDs and phone numbers unmasked; every such display is audited. */
    VIEW_PERSONAL_DATA,
    EDIT_GEOGRAPHY,
    MANAGE_USERS,
    VIEW_AUDIT,
    /** Projects, programmes, results frameworks and evaluations of the org units in scope (read only). */
    VIEW_PROJECTS,
    /** Create and change projects, logframes, actuals, evaluations; import IATI files; request plan changes. */
    EDIT_PROJECTS,
    /** Approve or reject a plan change request (never one's own). */
    APPROVE_PLAN_CHANGES
}
