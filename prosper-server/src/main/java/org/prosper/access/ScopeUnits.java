package org.prosper.access;

import java.util.Optional;

/** The org units users are scoped to, as the geography knows them (implemented there; access does not depend on it). */
public interface ScopeUnits {

    /** The id of the active unit of this code; an IllegalArgumentException naming the field and what is wrong otherwise. */
    long activeUnit(String code);

    /** For a retired unit, what its users' administrator needs to know ("X was retired (now Y)"); empty while active. */
    Optional<String> retired(long unitId);
}
