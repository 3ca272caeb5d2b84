package org.prosper.registry;

/** Where a household is: its id, org unit and org path; what matching survey data to the registry needs, nothing personal. */
public record HouseholdPlace(long id, String code, long orgUnitId, String orgPath) {
}
