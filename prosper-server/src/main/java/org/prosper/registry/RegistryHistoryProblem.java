package org.prosper.registry;

import java.time.Instant;

/** The registry was asked for its state at a moment before it started keeping earlier versions of households. */
public class RegistryHistoryProblem extends RuntimeException {

    private final Instant keptSince;

    public RegistryHistoryProblem(Instant keptSince) {
        super("the registry keeps earlier versions of households since " + keptSince + "; it cannot be read as it stood before");
        this.keptSince = keptSince;
    }

    public Instant keptSince() {
        return keptSince;
    }
}
