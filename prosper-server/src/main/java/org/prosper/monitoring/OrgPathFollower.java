package org.prosper.monitoring;

import java.util.List;

import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnitsMoved;
import org.prosper.geo.RecordsReassigned;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Alerts, cases and support measures keep a copy of their household's org path, by which they are scoped and runs
 * find them: when units are moved, merged or split, the copies follow in the same transaction.
 */
@Component
class OrgPathFollower {

    private static final List<String> TABLES = List.of("monitoring_alert", "monitoring_case", "monitoring_support");

    private final JdbcClient db;
    private final GeoService geo;

    OrgPathFollower(JdbcClient db, GeoService geo) {
        this.db = db;
        this.geo = geo;
    }

    @EventListener
    void onMoved(OrgUnitsMoved moved) {
        for (String table : TABLES) {
            db.sql("update " + table + " set org_path = ? || substring(org_path, ?) where org_path like ?")
                    .params(moved.newPrefix(), moved.oldPrefix().length() + 1, moved.oldPrefix() + "%").update();
        }
    }

    /**
     * Households of a retired unit go to the unit the split lists them under, the others to the main successor. Rows
     * are found by the retired unit's own path and the household's code, so it does not matter whether the registry
     * has moved the households yet.
     */
    @EventListener
    void onReassigned(RecordsReassigned reassigned) {
        String from = geo.unit(reassigned.fromUnitId()).path();
        for (var e : reassigned.byRecordCode().entrySet()) {
            String to = e.getValue().path();
            db.sql("update monitoring_support set org_path = ? where org_path = ? and case_id in "
                    + "(select id from monitoring_case where household_code = ?)").params(to, from, e.getKey()).update();
            db.sql("update monitoring_case set org_path = ? where org_path = ? and household_code = ?").params(to, from, e.getKey()).update();
            db.sql("update monitoring_alert set org_path = ? where org_path = ? and household_code = ?").params(to, from, e.getKey()).update();
        }
        for (String table : TABLES) {
            db.sql("update " + table + " set org_path = ? where org_path = ?").params(reassigned.toUnit().path(), from).update();
        }
    }
}
