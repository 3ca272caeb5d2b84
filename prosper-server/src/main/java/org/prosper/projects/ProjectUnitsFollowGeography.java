package org.prosper.projects;

import java.util.List;

import org.prosper.geo.OrgUnit;
import org.prosper.geo.OrgUnitsMoved;
import org.prosper.geo.RecordsReassigned;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the org paths that project_unit copies (for scope checks) in step with the org-unit tree: a move re-paths
 * them, a merge or split hands a retired unit's projects to its successor. Runs inside the transaction that changed
 * the tree.
 */
@Component
class ProjectUnitsFollowGeography {

    private final JdbcClient db;

    ProjectUnitsFollowGeography(JdbcClient db) {
        this.db = db;
    }

    @EventListener
    void onMoved(OrgUnitsMoved moved) {
        moved.repath(db, "project_unit");
    }

    private record Served(long projectId, String identifier, String kind) {
    }

    /** A split may name a project's IATI identifier in its assignment, as it names households; others go to the first part. */
    @EventListener
    void onReassigned(RecordsReassigned reassigned) {
        long from = reassigned.fromUnitId();
        List<Served> rows = db.sql("select pu.project_id, p.iati_identifier, pu.kind from project_unit pu join project p on p.id = pu.project_id "
                        + "where pu.org_unit_id = ?")
                .param(from).query((rs, n) -> new Served(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        for (Served row : rows) {
            OrgUnit to = reassigned.byRecordCode().getOrDefault(row.identifier(), reassigned.toUnit());
            String kindThere = db.sql("select kind from project_unit where project_id = ? and org_unit_id = ?")
                    .params(row.projectId(), to.id()).query(String.class).optional().orElse(null);
            if (kindThere == null) {
                db.sql("update project_unit set org_unit_id = ?, org_path = ? where project_id = ? and org_unit_id = ?")
                        .params(to.id(), to.path(), row.projectId(), from).update();
                continue;
            }
            // the project already has the successor: one row stays, served if either was (visibility follows served units)
            if ("SERVED".equals(row.kind()) && !"SERVED".equals(kindThere)) {
                db.sql("update project_unit set kind = 'SERVED' where project_id = ? and org_unit_id = ?").params(row.projectId(), to.id()).update();
            }
            db.sql("delete from project_unit where project_id = ? and org_unit_id = ?").params(row.projectId(), from).update();
        }
    }
}
