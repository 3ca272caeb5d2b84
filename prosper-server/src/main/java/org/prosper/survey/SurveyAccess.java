package org.prosper.survey;

import java.util.EnumSet;
import java.util.Set;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.Role;

/** Which roles may do what with surveys; where they may do it is their scope, checked by the services. */
final class SurveyAccess {

    private static final Set<Role> DESIGN = EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR);
    private static final Set<Role> ROUNDS = EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER);
    private static final Set<Role> SUBMIT = EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER, Role.ENUMERATOR);
    private static final Set<Role> REVIEW = EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER);
    private static final Set<Role> VIEW = EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTRY_COORDINATOR, Role.LOCAL_OFFICER,
            Role.ENUMERATOR, Role.PROGRAMME_MANAGER, Role.VIEWER);

    private SurveyAccess() {
    }

    static void requireDesign(Actor actor) {
        require(actor, DESIGN, "publish survey forms");
    }

    static void requireRounds(Actor actor) {
        require(actor, ROUNDS, "manage survey rounds");
    }

    static void requireSubmit(Actor actor) {
        require(actor, SUBMIT, "submit survey data");
    }

    static void requireReview(Actor actor) {
        require(actor, REVIEW, "review survey submissions");
    }

    static void requireView(Actor actor) {
        require(actor, VIEW, "view survey data");
    }

    static boolean mayDesign(Actor actor) {
        return DESIGN.contains(actor.role());
    }

    static boolean mayReview(Actor actor) {
        return REVIEW.contains(actor.role());
    }

    private static void require(Actor actor, Set<Role> roles, String what) {
        if (!roles.contains(actor.role())) {
            throw new AccessDeniedProblem(actor.username() + " (" + actor.role() + ") may not " + what);
        }
    }
}
