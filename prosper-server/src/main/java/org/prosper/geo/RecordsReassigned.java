package org.prosper.geo;

import java.util.Map;

/**
 * Published when a merge or split retires a unit: records attached to {@code fromUnitId} move to {@code toUnit},
 * except those listed in {@code byRecordCode} (record code -> unit), which go where the split says.
 */
public record RecordsReassigned(long fromUnitId, OrgUnit toUnit, Map<String, OrgUnit> byRecordCode) {
}
