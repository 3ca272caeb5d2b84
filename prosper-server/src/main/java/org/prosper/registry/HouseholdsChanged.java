package org.prosper.registry;

import java.util.List;
import java.util.Set;

/**
 * Households whose registry data was created or changed, published inside the changing transaction; features that
 * derive something from the registry (monitoring alerts) act on it once the change is committed. A bulk import names
 * the countries it wrote to instead of every household ({@code ids} empty).
 */
public record HouseholdsChanged(List<Long> ids, Set<String> countries, String source, String username) {

    public HouseholdsChanged {
        ids = List.copyOf(ids);
        countries = Set.copyOf(countries);
    }

    public HouseholdsChanged(List<Long> ids, String source, String username) {
        this(ids, Set.of(), source, username);
    }

    /** Many households written to these countries (an import): listeners treat each country as a whole. */
    public static HouseholdsChanged inCountries(Set<String> countries, String source, String username) {
        return new HouseholdsChanged(List.of(), countries, source, username);
    }
}
