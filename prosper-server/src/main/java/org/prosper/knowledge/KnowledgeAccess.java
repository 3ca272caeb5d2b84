package org.prosper.knowledge;

import java.util.EnumSet;
import java.util.Set;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.knowledge.search.Audience;

/**
 * Who may see and do what in the knowledge bank.
 * <ul>
 * <li>Visibility: PUBLIC items are seen by everyone, anonymous visitors included. PARTNERS items are seen by partners:
 * signed-in users in a working role (administrator, coordinator, officer, enumerator, programme manager, expert). The
 * read-only VIEWER role is outside the partnership and sees public items only. ADMINS items are seen by system
 * administrators. An expert always sees their own profile.</li>
 * <li>Contributors (add practices and documents, run matching): every working role except the enumerator.</li>
 * <li>Expert managers (add experts, edit any profile, change anyone's visibility): system administrators and
 * programme managers. An expert edits their own profile.</li>
 * </ul>
 */
public final class KnowledgeAccess {

    private static final Set<Role> CONTRIBUTORS = EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR,
            Role.LOCAL_OFFICER, Role.PROGRAMME_MANAGER, Role.EXPERT);
    private static final Set<Role> EXPERT_MANAGERS = EnumSet.of(Role.SYSTEM_ADMIN, Role.PROGRAMME_MANAGER);

    private KnowledgeAccess() {
    }

    /** The audience of a caller; null is an anonymous visitor. */
    public static Audience audience(Actor actor) {
        if (actor == null) return Audience.anonymous();
        if (actor.role() == Role.SYSTEM_ADMIN) return new Audience(Audience.Level.ADMIN, actor.userId());
        if (actor.role() == Role.VIEWER) return new Audience(Audience.Level.PUBLIC, actor.userId());
        return new Audience(Audience.Level.PARTNER, actor.userId());
    }

    public static boolean mayContribute(Actor actor) {
        return actor != null && CONTRIBUTORS.contains(actor.role());
    }

    public static boolean mayManageExperts(Actor actor) {
        return actor != null && EXPERT_MANAGERS.contains(actor.role());
    }

    public static void requireContributor(Actor actor) {
        if (actor == null) throw new AccessDeniedProblem("sign in to add to the knowledge bank");
        if (!mayContribute(actor)) throw new AccessDeniedProblem(actor.username() + " (" + actor.role() + ") may not add to the knowledge bank");
    }

    public static void requireExpertManager(Actor actor) {
        if (actor == null) throw new AccessDeniedProblem("sign in to manage experts");
        if (!mayManageExperts(actor)) throw new AccessDeniedProblem(actor.username() + " (" + actor.role() + ") may not manage experts");
    }
}
