package org.prosper.geo;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class OrgUnitRepository {

    private static final String COLUMNS = "id, parent_id, country_code, depth, code, name_en, name_local, path, active, valid_from, valid_to, latitude, longitude";
    private final JdbcClient db;
    private final boolean h2;

    OrgUnitRepository(JdbcClient db, javax.sql.DataSource dataSource) {
        this.db = db;
        this.h2 = org.prosper.platform.EmbeddedDatabase.isH2(dataSource);
    }

    static OrgUnit map(ResultSet rs, int row) throws SQLException {
        long parent = rs.getLong("parent_id");
        Date from = rs.getDate("valid_from");
        Date to = rs.getDate("valid_to");
        double lat = rs.getDouble("latitude");
        boolean hasLat = !rs.wasNull();
        double lon = rs.getDouble("longitude");
        boolean hasLon = !rs.wasNull();
        return new OrgUnit(rs.getLong("id"), parent == 0 ? null : parent, rs.getString("country_code"), rs.getInt("depth"),
                rs.getString("code"), rs.getString("name_en"), rs.getString("name_local"), rs.getString("path"),
                rs.getBoolean("active"), from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(),
                hasLat ? lat : null, hasLon ? lon : null);
    }

    Optional<OrgUnit> byId(long id) {
        return db.sql("select " + COLUMNS + " from org_unit where id = ?").param(id).query(OrgUnitRepository::map).optional();
    }

    Optional<OrgUnit> byCode(String code) {
        return db.sql("select " + COLUMNS + " from org_unit where code = ?").param(code).query(OrgUnitRepository::map).optional();
    }

    List<OrgUnit> children(long parentId, boolean includeRetired) {
        return db.sql("select " + COLUMNS + " from org_unit where parent_id = ?" + (includeRetired ? "" : " and active")
                        + " order by name_en")
                .param(parentId).query(OrgUnitRepository::map).list();
    }

    List<OrgUnit> countries() {
        return db.sql("select " + COLUMNS + " from org_unit where depth = 0 order by name_en").query(OrgUnitRepository::map).list();
    }

    List<OrgUnit> byPaths(List<String> paths) {
        if (paths.isEmpty()) return List.of();
        return db.sql("select " + COLUMNS + " from org_unit where path in (" + "?,".repeat(paths.size() - 1) + "?)")
                .params(List.copyOf(paths)).query(OrgUnitRepository::map).list();
    }

    List<OrgUnit> query(String where, List<Object> params, int limit) {
        return db.sql("select " + COLUMNS + " from org_unit where " + where + " order by path limit " + limit)
                .params(params).query(OrgUnitRepository::map).list();
    }

    long insert(Long parentId, String country, int depth, String code, String nameEn, String nameLocal, String parentPath,
                Double lat, Double lon, java.time.LocalDate validFrom) {
        var key = new GeneratedKeyHolder();
        db.sql("insert into org_unit(parent_id, country_code, depth, code, name_en, name_local, path, latitude, longitude, valid_from) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(parentId, country, depth, code, nameEn, nameLocal, "pending", lat, lon,
                        validFrom == null ? null : Date.valueOf(validFrom))
                .update(key, "id");
        long id = key.getKey().longValue();
        db.sql("update org_unit set path = ? where id = ?").params((parentPath == null ? "/" : parentPath) + id + "/", id).update();
        return id;
    }

    void retire(long id, java.time.LocalDate effective) {
        db.sql("update org_unit set active = false, valid_to = ? where id = ?").params(Date.valueOf(effective), id).update();
    }

    /** Re-roots a subtree: parent, depth and path of the unit and all its descendants. */
    void move(OrgUnit unit, OrgUnit newParent) {
        String oldPrefix = unit.path();
        String newPrefix = newParent.path() + unit.id() + "/";
        int depthShift = newParent.depth() + 1 - unit.depth();
        db.sql("update org_unit set parent_id = ? where id = ?").params(newParent.id(), unit.id()).update();
        db.sql("update org_unit set path = ? || substring(path, ?), depth = depth + ? where path like ?")
                .params(newPrefix, oldPrefix.length() + 1, depthShift, oldPrefix + "%").update();
    }

    /** The latest move, merge or split committed (0 before the first): grows with every change of the tree. */
    long lastEventId() {
        return db.sql("select coalesce(max(id), 0) from org_unit_event").query(Long.class).single();
    }

    /** Locks units for a change of them (move, merge, split), in id order: waits for every hold and change of them. */
    void lock(java.util.Collection<Long> unitIds) {
        lock(unitIds, "for update");
    }

    /**
     * Holds units against a change while records are written into them, in id order. Savers share a hold on PostgreSQL
     * (they do not wait for one another, only a change waits for them); H2 has no shared row lock, so there a hold is
     * a change's lock.
     */
    void share(java.util.Collection<Long> unitIds) {
        lock(unitIds, h2 ? "for update" : "for share");
    }

    private void lock(java.util.Collection<Long> unitIds, String mode) {
        List<Long> ids = unitIds.stream().distinct().sorted().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            db.sql("select id from org_unit where id in (" + "?,".repeat(chunk.size() - 1) + "?) order by id " + mode)
                    .params(new java.util.ArrayList<Object>(chunk)).query(Long.class).list();
        }
    }

    long recordEvent(String kind, java.time.LocalDate effective, String description, String actor) {
        var key = new GeneratedKeyHolder();
        db.sql("insert into org_unit_event(kind, effective, description, actor) values (?, ?, ?, ?)")
                .params(kind, Date.valueOf(effective), description, actor).update(key, "id");
        return key.getKey().longValue();
    }

    void linkEvent(long eventId, long unitId, String role, Long oldParentId) {
        db.sql("insert into org_unit_event_link(event_id, org_unit_id, role, old_parent_id) values (?, ?, ?, ?)")
                .params(eventId, unitId, role, oldParentId).update();
    }

    List<OrgUnitEvent> events(long unitId) {
        List<Long> ids = db.sql("select distinct event_id from org_unit_event_link where org_unit_id = ? order by event_id")
                .param(unitId).query(Long.class).list();
        return ids.stream().map(this::event).toList();
    }

    OrgUnitEvent event(long id) {
        List<Long> sources = db.sql("select org_unit_id from org_unit_event_link where event_id = ? and role = 'SOURCE' order by org_unit_id").param(id).query(Long.class).list();
        List<Long> targets = db.sql("select org_unit_id from org_unit_event_link where event_id = ? and role = 'TARGET' order by org_unit_id").param(id).query(Long.class).list();
        return db.sql("select id, kind, effective, description, actor, recorded_at from org_unit_event where id = ?").param(id)
                .query((rs, n) -> new OrgUnitEvent(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), sources, targets))
                .single();
    }

    long count() {
        return db.sql("select count(*) from org_unit").query(Long.class).single();
    }
}
