package org.prosper.registry;

import java.util.List;

/**
 * A page of the household list. {@code total} is exact up to {@link #COUNT_CAP}; beyond it {@code totalCapped} is
 * true and {@code total} is the cap ("more than 10,000"), since counting every match of a national registry would
 * cost more than the page itself.
 */
public record HouseholdPage(List<HouseholdSummary> items, long total, int page, int size, boolean masked, boolean totalCapped) {

    /** The id to pass as {@code after} for the next page (keyset paging), or null when no page follows. */
    public Long nextAfter() {
        return hasNext() && !items.isEmpty() ? items.getLast().id() : null;
    }

    public static final long COUNT_CAP = 10_000;

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /** Whether a page follows this one. */
    public boolean hasNext() {
        return page + 1 < pages() || (totalCapped && items.size() == size);
    }
}
