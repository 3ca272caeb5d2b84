package org.prosper.access;

import java.util.List;

/**
 * Who is acting, as every service sees it: a role and the org-unit subtrees (materialized paths) the actor may
 * reach. Services take an Actor explicitly so that authorization never depends on which controller called them.
 */
public record Actor(long userId, String username, Role role, List<String> scopePaths) {

    public Actor {
        scopePaths = List.copyOf(scopePaths);
    }

    /** The built-in identity for start-up work (seeding, demo data, scheduled jobs). */
    public static Actor system() {
        return new Actor(0, "system", Role.SYSTEM_ADMIN, List.of("/"));
    }

    public boolean may(Permission permission) {
        return role.may(permission);
    }

    public boolean isGlobal() {
        return scopePaths.contains("/");
    }

    /** True if the org unit with this materialized path lies inside one of the actor's subtrees. */
    public boolean reaches(String orgPath) {
        if (orgPath == null) return false;
        for (String scope : scopePaths) {
            if (orgPath.startsWith(scope)) return true;
        }
        return false;
    }

    public void require(Permission permission) {
        if (!may(permission)) {
            throw new AccessDeniedProblem(username + " (" + role + ") may not " + permission.name().toLowerCase().replace('_', ' '));
        }
    }

    public void requireReach(String orgPath, String what) {
        if (!reaches(orgPath)) {
            throw new AccessDeniedProblem(what + " is outside the org units of " + username);
        }
    }
}
