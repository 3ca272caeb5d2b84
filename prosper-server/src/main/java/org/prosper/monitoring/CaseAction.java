package org.prosper.monitoring;

import java.util.EnumSet;
import java.util.Set;

import static org.prosper.monitoring.CaseState.*;

/** The steps of a case: from which states each may be taken and the state it leads to (null: decided by the step). */
public enum CaseAction {
    VERIFY(EnumSet.of(ALERT), HOME_VERIFICATION),
    CROSS_CHECK(EnumSet.of(HOME_VERIFICATION), DATA_CROSS_CHECK),
    VILLAGE_REVIEW(EnumSet.of(DATA_CROSS_CHECK), CaseState.VILLAGE_REVIEW),
    TOWNSHIP_REVIEW(EnumSet.of(CaseState.VILLAGE_REVIEW), CaseState.TOWNSHIP_REVIEW),
    COUNTY_APPROVE(EnumSet.of(CaseState.TOWNSHIP_REVIEW), COUNTY_APPROVAL),
    ENROL(EnumSet.of(COUNTY_APPROVAL), ENROLLED),
    PLAN_SUPPORT(EnumSet.of(ENROLLED), SUPPORT_PLANNED),
    RECORD_SUPPORT(EnumSet.of(SUPPORT_PLANNED), SUPPORTED),
    PROPOSE_ELIMINATION(EnumSet.of(SUPPORTED), ELIMINATION_PROPOSED),
    REVIEW_ELIMINATION(EnumSet.of(ELIMINATION_PROPOSED), ELIMINATION_REVIEWED),
    ELIMINATE(EnumSet.of(ELIMINATION_REVIEWED), ELIMINATED),
    ROLLBACK(EnumSet.of(ELIMINATION_PROPOSED, ELIMINATION_REVIEWED, ELIMINATED), SUPPORTED),
    REJECT(EnumSet.copyOf(IDENTIFICATION), REJECTED),
    CLOSE(EnumSet.complementOf(EnumSet.of(REJECTED, CLOSED)), CLOSED);

    private final Set<CaseState> from;
    private final CaseState to;

    CaseAction(Set<CaseState> from, CaseState to) {
        this.from = from;
        this.to = to;
    }

    public boolean allowedFrom(CaseState state) {
        return from.contains(state);
    }

    public Set<CaseState> from() {
        return from;
    }

    public CaseState to() {
        return to;
    }
}
