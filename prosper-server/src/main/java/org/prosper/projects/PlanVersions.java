package org.prosper.projects;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Every version of every project's plan, kept as written; a version is never changed once a later one exists. */
@Component
public class PlanVersions {

    public record Version(int version, Plan plan, String createdBy, Instant createdAt, Long changeRequestId) {
    }

    private final JdbcClient db;
    private final JsonMapper json;

    public PlanVersions(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    void record(long projectId, int version, Plan plan, String username, Long changeRequestId) {
        db.sql("insert into project_plan_version(project_id, version, snapshot, created_by, change_request_id) values (?, ?, ?, ?, ?)")
                .params(projectId, version, json.writeValueAsString(plan), username, changeRequestId).update();
    }

    /** Before a project leaves the pipeline (or for an imported activity), its current version is simply rewritten. */
    void replaceCurrent(long projectId, int version, Plan plan, String username) {
        int n = db.sql("update project_plan_version set snapshot = ?, created_by = ?, created_at = current_timestamp where project_id = ? and version = ?")
                .params(json.writeValueAsString(plan), username, projectId, version).update();
        if (n == 0) record(projectId, version, plan, username, null);
    }

    public List<Version> list(long projectId) {
        return db.sql("select version, snapshot, created_by, created_at, change_request_id from project_plan_version where project_id = ? order by version")
                .param(projectId)
                .query((rs, n) -> new Version(rs.getInt(1), json.readValue(rs.getString(2), Plan.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), (Long) rs.getObject(5, Long.class)))
                .list();
    }

    public Optional<Version> get(long projectId, int version) {
        return list(projectId).stream().filter(v -> v.version() == version).findFirst();
    }
}
