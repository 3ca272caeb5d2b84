package org.prosper.monitoring;

import java.util.EnumSet;
import java.util.Set;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.Role;

/**
 * Who may do what in monitoring; where is the actor's scope, checked by the services on the household's org path.
 * Alerts and cases carry health and hardship details of named households: only the roles that work on cases see
 * them (not programme managers, experts, enumerators or viewers). Profiles are changed by system administrators only.
 */
public final class MonitoringAccess {

    private static final Set<Role> WORK = EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER);
    private static final Set<Role> IMPORT = EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER);
    private static final Set<Role> CONFIGURE = EnumSet.of(Role.SYSTEM_ADMIN);

    private MonitoringAccess() {
    }

    public static boolean mayWork(Actor actor) {
        return actor != null && WORK.contains(actor.role());
    }

    public static boolean mayConfigure(Actor actor) {
        return actor != null && CONFIGURE.contains(actor.role());
    }

    /** See alerts, cases, dashboards and timelines; run monitoring; move cases through their steps; plan support. */
    static void requireWork(Actor actor) {
        require(actor, WORK, "work on monitoring alerts and cases");
    }

    static void requireImport(Actor actor) {
        require(actor, IMPORT, "import departmental data files");
    }

    static void requireConfigure(Actor actor) {
        require(actor, CONFIGURE, "change country monitoring profiles");
    }

    private static void require(Actor actor, Set<Role> roles, String what) {
        if (!roles.contains(actor.role())) {
            throw new AccessDeniedProblem(actor.username() + " (" + actor.role() + ") may not " + what);
        }
    }
}
