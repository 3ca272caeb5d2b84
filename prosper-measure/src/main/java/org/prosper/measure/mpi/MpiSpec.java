package org.prosper.measure.mpi;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import org.prosper.measure.table.TableException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An Alkire-Foster specification, read from JSON:
 * <pre>{"name": "...", "k": 0.3333333333333333, "indicators": [
 *   {"name": "d_nutr", "column": "d_nutr", "dimension": "health", "weight": 0.16666666666666666, "deprived": "flag"},
 *   {"name": "income", "column": "income", "dimension": "living standard", "weight": 0.25, "cutoff": 13}],
 *  "require": {"column": "income_ratio", "at_most": 1.0}}</pre>
 * {@code require} (optional) adds a condition every poor person must also meet (Viet Nam: income at or below the
 * line); people who meet it but are not poor are "near poor". Weights must sum to 1 (within 1e-6).
 */
public record MpiSpec(String name, double k, List<Indicator> indicators, Requirement require) {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    public static final double WEIGHT_TOLERANCE = 1e-6;

    /** An extra condition for being poor: {@code column} at most {@code atMost}. */
    public record Requirement(String column, double atMost) { }

    public MpiSpec {
        indicators = List.copyOf(indicators);
    }

    public boolean cardinal() { return indicators.stream().allMatch(Indicator::cardinal); }

    public MpiSpec withK(double newK) { return new MpiSpec(name, newK, indicators, require); }

    public static MpiSpec read(Path file) {
        String src = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(src, in);
        } catch (NoSuchFileException e) {
            throw TableException.of(src, "no such file");
        } catch (IOException e) {
            throw TableException.of(src, "cannot read: " + e.getMessage());
        }
    }

    /** A spec shipped with Prosper: global-mpi, vietnam-2022, china-2n3g, thailand-tpmap. */
    public static MpiSpec builtin(String id) {
        String res = "/org/prosper/measure/mpi/specs/" + id + ".json";
        try (InputStream in = MpiSpec.class.getResourceAsStream(res)) {
            if (in == null) throw TableException.of(id, "no such built-in spec (global-mpi, vietnam-2022, china-2n3g, thailand-tpmap)");
            return parse(id, in);
        } catch (IOException e) {
            throw TableException.of(id, "cannot read: " + e.getMessage());
        }
    }

    public static MpiSpec parse(String source, InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new TableException(source, line, null, "invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw TableException.of(source, "a spec must be a JSON object");
        String name = root.path("name").asString("mpi");
        double k = root.has("k") ? number(source, root.get("k"), "k") : 1.0 / 3;
        JsonNode arr = root.get("indicators");
        if (arr == null || !arr.isArray() || arr.isEmpty()) throw new TableException(source, -1, "indicators", "field missing or empty");
        List<Indicator> list = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < arr.size(); i++) {
            JsonNode n = arr.get(i);
            String field = "indicators[" + i + "]";
            String iname = n.path("name").asString(null);
            if (iname == null) throw new TableException(source, -1, field + ".name", "field missing");
            String column = n.path("column").asString(iname);
            String dim = n.path("dimension").asString("");
            if (!n.has("weight")) throw new TableException(source, -1, field + ".weight", "field missing");
            double weight = number(source, n.get("weight"), field + ".weight");
            if (!(weight > 0)) throw new TableException(source, -1, field + ".weight", "must be positive");
            sum += weight;
            if ("flag".equals(n.path("deprived").asString(null))) {
                list.add(Indicator.flag(iname, column, dim, weight));
            } else if (n.has("cutoff")) {
                double cutoff = number(source, n.get("cutoff"), field + ".cutoff");
                boolean cardinal = n.path("cardinal").asBoolean(true);
                list.add(new Indicator(iname, column, dim, weight, false, cutoff, cardinal));
            } else {
                throw new TableException(source, -1, field, "needs \"deprived\": \"flag\" or a \"cutoff\"");
            }
        }
        if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
            throw new TableException(source, -1, "indicators[].weight", "weights sum to " + sum + ", not 1");
        }
        Requirement req = null;
        JsonNode r = root.get("require");
        if (r != null && r.isObject()) {
            String col = r.path("column").asString(null);
            if (col == null) throw new TableException(source, -1, "require.column", "field missing");
            req = new Requirement(col, number(source, r.get("at_most"), "require.at_most"));
        }
        return new MpiSpec(name, k, list, req);
    }

    private static double number(String source, JsonNode n, String field) {
        if (n == null || !n.isNumber()) throw new TableException(source, -1, field, "must be a number");
        return n.asDouble();
    }
}
