package org.prosper.registry;

/**
 * Filters and paging of the household list; every filter is optional. {@code after} is the id of the last household
 * of the previous page: given, the page starts right after it (keyset paging, which costs the same on page 1 and on
 * page 5,000) and {@code page} only numbers it; otherwise the page is found by its number (offset).
 */
public record HouseholdQuery(String country, Long orgUnitId, String text, String registrationStatus, int page, int size, Long after) {

    public static final int MAX_SIZE = 500;

    public HouseholdQuery {
        page = Math.max(0, page);
        size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
    }

    public HouseholdQuery(String country, Long orgUnitId, String text, String registrationStatus, int page, int size) {
        this(country, orgUnitId, text, registrationStatus, page, size, null);
    }
}
