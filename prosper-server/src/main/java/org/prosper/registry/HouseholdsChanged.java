package org.prosper.registry;

import java.util.List;

/**
 * Households whose registry data was created or changed, published inside the changing transaction; features that
 * derive something from the registry (monitoring alerts) act on it once the change is committed.
 */
public record HouseholdsChanged(List<Long> ids, String source, String username) {

    public HouseholdsChanged {
        ids = List.copyOf(ids);
    }
}
