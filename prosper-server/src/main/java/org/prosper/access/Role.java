package org.prosper.access;

import java.util.EnumSet;
import java.util.Set;

import static org.prosper.access.Permission.*;

/** The roles a user can hold; what each may do is fixed here, where each record may be done is the user's scope. */
public enum Role {
    SYSTEM_ADMIN(EnumSet.allOf(Permission.class)),
    COUNTRY_COORDINATOR(EnumSet.of(VIEW_REGISTRY, EDIT_REGISTRY, IMPORT_REGISTRY, VIEW_PERSONAL_DATA, EDIT_GEOGRAPHY,
            VIEW_PROJECTS, EDIT_PROJECTS, APPROVE_PLAN_CHANGES)),
    LOCAL_OFFICER(EnumSet.of(VIEW_REGISTRY, EDIT_REGISTRY, IMPORT_REGISTRY, VIEW_PERSONAL_DATA, VIEW_PROJECTS)),
    ENUMERATOR(EnumSet.of(VIEW_REGISTRY, EDIT_REGISTRY, VIEW_PERSONAL_DATA, VIEW_PROJECTS)),
    PROGRAMME_MANAGER(EnumSet.of(VIEW_REGISTRY, VIEW_PROJECTS, EDIT_PROJECTS)),
    EXPERT(EnumSet.noneOf(Permission.class)),
    VIEWER(EnumSet.of(VIEW_REGISTRY, VIEW_PROJECTS));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    public Set<Permission> permissions() {
        return Set.copyOf(permissions);
    }

    public String messageKey() {
        return "role." + name();
    }
}
