package org.prosper.monitoring;

import java.util.ArrayList;
import java.util.List;

import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnitsMoved;
import org.prosper.geo.RecordsReassigned;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.HouseholdsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Alerts, cases and support measures keep a copy of their household's org path, by which they are scoped and runs
 * find them: when units are moved, merged or split, or a household is moved to another village, the copies follow in the
 * same transaction.
 */
@Component
class OrgPathFollower {

    private static final List<String> TABLES = List.of("monitoring_alert", "monitoring_case", "monitoring_support");

    private final JdbcClient db;
    private final GeoService geo;
    private final HouseholdService households;

    OrgPathFollower(JdbcClient db, GeoService geo, HouseholdService households) {
        this.db = db;
        this.geo = geo;
        this.households = households;
    }

    @EventListener
    void onMoved(OrgUnitsMoved moved) {
        for (String table : TABLES) moved.repath(db, table);
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

    /**
     * A registry edit may have moved households to another village: the rows of those that have any follow them. Most
     * changed households (every new one) have none, and are not read.
     */
    @EventListener
    void onHouseholdsChanged(HouseholdsChanged changed) {
        List<Long> ids = changed.ids();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Object> chunk = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + 1000)));
            String in = "?,".repeat(chunk.size() - 1) + "?";
            List<Object> params = new ArrayList<>(chunk);
            params.addAll(chunk);
            List<Long> tracked = db.sql("select household_id from monitoring_case where household_id in (" + in + ") union "
                    + "select household_id from monitoring_alert where household_id in (" + in + ")").params(params).query(Long.class).list();
            if (tracked.isEmpty()) continue;
            for (Household h : households.withoutIdentifiers(Actor.system(), tracked)) {
                for (String table : TABLES) {
                    db.sql("update " + table + " set org_path = ? where household_id = ? and org_path <> ?")
                            .params(h.orgPath(), h.id(), h.orgPath()).update();
                }
            }
        }
    }
}
