package org.prosper.geo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A move, merge, split, rename or retirement of org units, with the units it took from and gave to. */
public record OrgUnitEvent(long id, String kind, LocalDate effective, String description, String actor,
                           Instant recordedAt, List<Long> sources, List<Long> targets) {
}
