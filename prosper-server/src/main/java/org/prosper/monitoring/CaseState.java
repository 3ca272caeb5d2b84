package org.prosper.monitoring;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands. Entering a state records that its step was done: HOME_VERIFICATION means the home visit
 * (with the household's consent) is recorded, COUNTY_APPROVAL that the county approved, and so on.
 */
public enum CaseState {
    ALERT, HOME_VERIFICATION, DATA_CROSS_CHECK, VILLAGE_REVIEW, TOWNSHIP_REVIEW, COUNTY_APPROVAL, ENROLLED,
    SUPPORT_PLANNED, SUPPORTED, ELIMINATION_PROPOSED, ELIMINATION_REVIEWED, ELIMINATED, REJECTED, CLOSED;

    /** Identification: from the first alert to the decision (enrolled or rejected), within the profile's decision days. */
    static final Set<CaseState> IDENTIFICATION = EnumSet.of(ALERT, HOME_VERIFICATION, DATA_CROSS_CHECK, VILLAGE_REVIEW,
            TOWNSHIP_REVIEW, COUNTY_APPROVAL);
    /** A household has at most one case in any of these states. */
    static final Set<CaseState> LIVE = EnumSet.complementOf(EnumSet.of(REJECTED, CLOSED));

    public boolean live() {
        return LIVE.contains(this);
    }
}
