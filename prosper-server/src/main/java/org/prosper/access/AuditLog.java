package org.prosper.access;

import java.util.List;

import org.prosper.platform.Clip;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Append-only record of every change and of every display of unmasked personal data. There is deliberately no
 * update or delete here: nobody can edit the log through the application.
 */
@Service
public class AuditLog {

    private final JdbcClient db;
    private final JsonMapper json;

    public AuditLog(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public void record(Actor actor, String action, String entityType, String entityId, String orgPath,
                       Object before, Object after) {
        record(actor, action, entityType, entityId, orgPath, before, after, null);
    }

    public void record(Actor actor, String action, String entityType, String entityId, String orgPath,
                       Object before, Object after, String detail) {
        db.sql("insert into audit_log(actor, action, entity_type, entity_id, org_path, before_json, after_json, detail) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(actor.username(), action, entityType, Clip.clip(entityId, MAX_ENTITY_ID), orgPath,
                        toJson(before), toJson(after), Clip.clip(detail, MAX_DETAIL))
                .update();
    }

    private String toJson(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    /**
     * The columns' sizes (V2). Some entities are named by what a user typed or uploaded (an import by its file name):
     * the record keeps their start rather than failing the change it records.
     */
    private static final int MAX_ENTITY_ID = 100, MAX_DETAIL = 2000;

    public Page search(Actor actor, AuditQuery query) {
        actor.require(Permission.VIEW_AUDIT);
        StringBuilder where = new StringBuilder(" where 1=1");
        List<Object> params = new java.util.ArrayList<>();
        if (query.actor() != null && !query.actor().isBlank()) {
            where.append(" and actor = ?");
            params.add(query.actor().trim());
        }
        if (query.action() != null && !query.action().isBlank()) {
            where.append(" and action = ?");
            params.add(query.action().trim());
        }
        if (query.entityType() != null && !query.entityType().isBlank()) {
            where.append(" and entity_type = ?");
            params.add(query.entityType().trim());
        }
        if (query.entityId() != null && !query.entityId().isBlank()) {
            where.append(" and entity_id = ?");
            params.add(query.entityId().trim());
        }
        long total = db.sql("select count(*) from audit_log" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new java.util.ArrayList<>(params);
        pageParams.add(query.size());
        pageParams.add((long) query.page() * query.size());
        List<Entry> items = db.sql("select id, at, actor, action, entity_type, entity_id, before_json, after_json, detail from audit_log"
                        + where + " order by id desc limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
                .list();
        return new Page(items, total);
    }

    public record AuditQuery(String actor, String action, String entityType, String entityId, int page, int size) {
        public AuditQuery {
            page = Math.max(0, page);
            size = size <= 0 ? 50 : Math.min(size, 500);
        }
    }

    public record Entry(long id, java.time.Instant at, String actor, String action, String entityType, String entityId,
                        String before, String after, String detail) {
    }

    public record Page(List<Entry> items, long total) {
    }
}
