package org.prosper.geo;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boundaries for maps. Shipped ones are Natural Earth (de-facto lines); an administrator can replace any of them
 * with official files, and the old geometry is kept with its end date.
 */
@Service
public class BoundaryService {

    private final JdbcClient db;
    private final JsonMapper json;
    private final GeoService geo;
    private final AuditLog audit;

    public BoundaryService(JdbcClient db, JsonMapper json, GeoService geo, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.geo = geo;
        this.audit = audit;
    }

    /** A GeoJSON FeatureCollection of the current boundaries of the active children of a unit (or of all countries). */
    public String children(Long parentId) {
        List<OrgUnit> list = parentId == null
                ? geo.countries().stream().map(c -> geo.countryUnit(c.code())).toList()
                : geo.children(parentId);
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        for (OrgUnit unit : list) {
            Optional<String> geometry = current(unit.id());
            if (geometry.isEmpty()) continue;
            if (!first) out.append(',');
            first = false;
            out.append("{\"type\":\"Feature\",\"id\":").append(unit.id())
                    .append(",\"properties\":").append(json.writeValueAsString(java.util.Map.of(
                            "id", unit.id(), "code", unit.code(), "name", unit.nameEn(),
                            "nameLocal", unit.nameLocal() == null ? unit.nameEn() : unit.nameLocal())))
                    .append(",\"geometry\":").append(geometry.get()).append('}');
        }
        return out.append("]}").toString();
    }

    public Optional<String> current(long unitId) {
        return db.sql("select geometry from boundary where org_unit_id = ? and valid_to is null order by id desc limit 1")
                .param(unitId).query(String.class).optional();
    }

    void store(long unitId, String geometryJson, String source) {
        db.sql("update boundary set valid_to = ? where org_unit_id = ? and valid_to is null")
                .params(Timestamp.from(Instant.now()), unitId).update();
        db.sql("insert into boundary(org_unit_id, geometry, source) values (?, ?, ?)").params(unitId, geometryJson, source).update();
    }

    /**
     * Replaces boundaries from a GeoJSON FeatureCollection whose features carry the org-unit code in
     * {@code codeProperty}. Features that match no unit are reported; nothing is written if the file is malformed.
     */
    @Transactional
    public BoundaryReport replace(Actor actor, InputStream geojson, String codeProperty, String source) {
        actor.require(Permission.EDIT_GEOGRAPHY);
        JsonNode root;
        try {
            root = json.readTree(geojson);
        } catch (JacksonException e) {
            throw new GeoProblem(source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!"FeatureCollection".equals(root.path("type").asString(""))) {
            throw new GeoProblem(source + ": expected a GeoJSON FeatureCollection");
        }
        List<String> unmatched = new ArrayList<>();
        int replaced = 0;
        int index = 0;
        for (JsonNode feature : root.path("features")) {
            index++;
            String code = feature.path("properties").path(codeProperty).asString("");
            JsonNode geometry = feature.path("geometry");
            String type = geometry.path("type").asString("");
            if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                unmatched.add("feature " + index + " (" + code + "): geometry must be Polygon or MultiPolygon, not '" + type + "'");
                continue;
            }
            Optional<OrgUnit> unit = geo.unitByCode(code);
            if (unit.isEmpty()) {
                unmatched.add("feature " + index + ": no org unit with " + codeProperty + " = '" + code + "'");
                continue;
            }
            if (!actor.reaches(unit.get().path())) {
                unmatched.add("feature " + index + ": " + code + " is outside your org units");
                continue;
            }
            store(unit.get().id(), json.writeValueAsString(geometry), source);
            replaced++;
        }
        audit.record(actor, "REPLACE", "boundary", source, null, null, null, replaced + " boundaries replaced, " + unmatched.size() + " unmatched");
        return new BoundaryReport(replaced, unmatched);
    }

    public record BoundaryReport(int replaced, List<String> unmatched) {
    }

    static JsonNode read(JsonMapper json, InputStream in) throws IOException {
        return json.readTree(in);
    }
}
