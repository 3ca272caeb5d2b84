package org.prosper.registry;

/** Filters and paging of the household list; every filter is optional. */
public record HouseholdQuery(String country, Long orgUnitId, String text, String registrationStatus, int page, int size) {

    public static final int MAX_SIZE = 500;

    public HouseholdQuery {
        page = Math.max(0, page);
        size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
    }
}
