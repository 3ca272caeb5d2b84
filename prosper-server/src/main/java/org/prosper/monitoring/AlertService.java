package org.prosper.monitoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.prosper.access.Actor;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.springframework.stereotype.Service;

/** Alerts as work lists: open by default, or the versioned list of one run; always inside the actor's scope. */
@Service
public class AlertService {

    private final AlertRepository alerts;
    private final GeoService geo;

    public AlertService(AlertRepository alerts, GeoService geo) {
        this.alerts = alerts;
        this.geo = geo;
    }

    /**
     * @param status OPEN (default: not resolved), NEW (open, no case yet), RESOLVED, ALL
     * @param runId  the list as run {@code runId} left it (its country only)
     */
    public record AlertQuery(String country, Long orgUnitId, String rule, String riskType, String status, Long runId, Long householdId,
                             int page, int size) {
        public AlertQuery {
            page = Math.max(0, page);
            size = size <= 0 ? 50 : Math.min(size, 1000);
        }
    }

    public record AlertPage(List<Alert> items, long total, int page, int size) {
    }

    public AlertPage list(Actor actor, AlertQuery q) {
        MonitoringAccess.requireWork(actor);
        ScopeSql scope = ScopeSql.of(actor, "org_path");
        StringBuilder where = new StringBuilder(scope.clause());
        List<Object> params = new ArrayList<>(scope.params());
        String country = q.country() == null || q.country().isBlank() ? null : q.country().trim().toUpperCase();
        if (country != null) {
            if (!geo.isCountry(country)) throw MonitoringProblem.of("country", "problem.unknownCountry", q.country());
            where.append(" and country_code = ?");
            params.add(country);
        }
        if (q.orgUnitId() != null) {
            where.append(" and org_path like ?");
            params.add(geo.unit(q.orgUnitId()).path() + "%");
        }
        if (q.rule() != null && !q.rule().isBlank()) {
            where.append(" and rule_id = ?");
            params.add(q.rule().trim().toUpperCase());
        }
        if (q.riskType() != null && !q.riskType().isBlank()) {
            String t = q.riskType().trim().toUpperCase();
            if (Arrays.stream(RiskType.values()).noneMatch(v -> v.name().equals(t))) {
                throw MonitoringProblem.of("riskType", "problem.oneOfGot", Arrays.toString(RiskType.values()), q.riskType());
            }
            where.append(" and risk_type = ?");
            params.add(t);
        }
        if (q.householdId() != null) {
            where.append(" and household_id = ?");
            params.add(q.householdId());
        }
        if (q.runId() != null) {
            Run run = alerts.run(q.runId()).orElseThrow(() -> new NotFoundProblem("monitoring run " + q.runId()));
            where.append(" and country_code = ? and first_run_id <= ? and (resolved_run_id is null or resolved_run_id > ?)");
            params.add(run.countryCode());
            params.add(run.id());
            params.add(run.id());
        } else {
            String status = q.status() == null || q.status().isBlank() ? "OPEN" : q.status().trim().toUpperCase();
            switch (status) {
                case "OPEN" -> where.append(" and resolved_run_id is null");
                case "NEW" -> where.append(" and resolved_run_id is null and case_id is null");
                case "RESOLVED" -> where.append(" and resolved_run_id is not null");
                case "ALL" -> { }
                default -> throw new MonitoringProblem("status", "OPEN, NEW, RESOLVED or ALL, got '" + q.status() + "'");
            }
        }
        long total = alerts.count(where.toString(), params);
        return new AlertPage(alerts.alerts(where.toString(), params, q.size(), (long) q.page() * q.size()), total, q.page(), q.size());
    }

    public Alert get(Actor actor, long id) {
        MonitoringAccess.requireWork(actor);
        Alert a = alerts.alert(id).orElseThrow(() -> new NotFoundProblem("alert " + id));
        actor.requireReach(a.orgPath(), "alert " + id);
        return a;
    }
}
