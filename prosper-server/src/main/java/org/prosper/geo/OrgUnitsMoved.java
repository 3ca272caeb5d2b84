package org.prosper.geo;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Published inside the transaction that changed the tree: every path that started with {@code oldPrefix} now starts
 * with {@code newPrefix}. Features that keep a copy of org paths for scoped queries re-path their rows.
 */
public record OrgUnitsMoved(String oldPrefix, String newPrefix, String countryCode) {

    /** Re-paths a feature's copy of org paths: the {@code org_path} column of {@code table}; returns the rows changed. */
    public int repath(JdbcClient db, String table) {
        return db.sql("update " + table + " set org_path = ? || substring(org_path, ?) where org_path like ?")
                .params(newPrefix, oldPrefix.length() + 1, oldPrefix + "%").update();
    }
}
