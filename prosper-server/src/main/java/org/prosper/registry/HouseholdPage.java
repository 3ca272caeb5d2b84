package org.prosper.registry;

import java.util.List;

public record HouseholdPage(List<HouseholdSummary> items, long total, int page, int size, boolean masked) {

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
