package org.prosper.monitoring;

import java.util.Map;

/**
 * One indicator compiled from a profile: tells whether a household is at risk (or deprived) and, if it is, the values
 * that explain why (amounts, thresholds, ages). Returns null when not; allocates nothing then.
 */
@FunctionalInterface
interface Check {
    Map<String, Object> test(HouseholdFacts facts);
}
