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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
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
        // read one feature at a time: a whole file as a JSON tree takes ten to twenty times its size (official
        // boundaries run to tens of MB), while one feature is at most a country's outline
        List<String> unmatched = new ArrayList<>();
        int replaced = 0;
        int index = 0;
        String type = null;
        boolean features = false;
        ObjectReader featureReader = json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = json.createParser(geojson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw new GeoProblem(source + ": expected a GeoJSON FeatureCollection");
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                    type = parser.getString();
                    if (!"FeatureCollection".equals(type)) throw new GeoProblem(source + ": expected a GeoJSON FeatureCollection");
                } else if ("features".equals(name) && value == JsonToken.START_ARRAY) {
                    features = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode feature = featureReader.readValue(parser);
                        String problem = apply(actor, feature, ++index, codeProperty, source);
                        if (problem == null) replaced++;
                        else unmatched.add(problem);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new GeoProblem(source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!"FeatureCollection".equals(type) || !features) throw new GeoProblem(source + ": expected a GeoJSON FeatureCollection");
        audit.record(actor, "REPLACE", "boundary", source, null, null, null, replaced + " boundaries replaced, " + unmatched.size() + " unmatched");
        return new BoundaryReport(replaced, unmatched);
    }

    /** Stores one feature's geometry as its unit's boundary; null, or why it was not taken. */
    private String apply(Actor actor, JsonNode feature, int index, String codeProperty, String source) {
        String code = feature.path("properties").path(codeProperty).asString("");
        JsonNode geometry = feature.path("geometry");
        String type = geometry.path("type").asString("");
        if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
            return "feature " + index + " (" + code + "): geometry must be Polygon or MultiPolygon, not '" + type + "'";
        }
        Optional<OrgUnit> unit = geo.unitByCode(code);
        if (unit.isEmpty()) return "feature " + index + ": no org unit with " + codeProperty + " = '" + code + "'";
        if (!actor.reaches(unit.get().path())) return "feature " + index + ": " + code + " is outside your org units";
        store(unit.get().id(), json.writeValueAsString(geometry), source);
        return null;
    }

    public record BoundaryReport(int replaced, List<String> unmatched) {
    }

    static JsonNode read(JsonMapper json, InputStream in) throws IOException {
        return json.readTree(in);
    }
}
