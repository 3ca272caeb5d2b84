package org.prosper.geo;

/**
 * Published inside the transaction that changed the tree: every path that started with {@code oldPrefix} now starts
 * with {@code newPrefix}. Features that keep a copy of org paths for scoped queries re-path their rows.
 */
public record OrgUnitsMoved(String oldPrefix, String newPrefix, String countryCode) {
}
