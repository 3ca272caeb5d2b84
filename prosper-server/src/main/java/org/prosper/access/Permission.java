package org.prosper.access;

public enum Permission {
    VIEW_REGISTRY,
    EDIT_REGISTRY,
    IMPORT_REGISTRY,
    /** See names, national IDs and phone numbers unmasked; every such display is audited. */
    VIEW_PERSONAL_DATA,
    EDIT_GEOGRAPHY,
    MANAGE_USERS,
    VIEW_AUDIT
}
