package org.prosper.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lines of a profile resolved for a household: the most specific area that contains the household's village
 * (a unit such as a province, then its area class such as RURAL, then the whole country), among the lines in force
 * in the income year, the latest first. Resolutions are cached per village, kind and year.
 */
final class LineTable {

    /** A line as it applies to one household: amount, unit and period, and where it comes from. */
    record Resolved(String id, String kind, double amount, String unit, String period, String area, String source, String verified) {
    }

    private static final Resolved NONE = new Resolved(null, null, 0, null, null, null, null, null);
    private static final List<String> CLASSES = List.of("RURAL", "URBAN", "NATIONAL");

    private final List<CountryProfile.Line> lines;
    private final Map<String, String> unitPaths;
    private final Map<String, List<String>> classPaths;
    private final String defaultArea;
    private final Map<String, Resolved> cache = new java.util.concurrent.ConcurrentHashMap<>(); // a run evaluates on several threads

    /**
     * @param unitPath the materialized path of an org unit code, or null if there is none
     */
    LineTable(CountryProfile profile, Function<String, String> unitPath, List<ProfileProblem.Field> problems) {
        this.lines = profile.lines();
        this.defaultArea = profile.defaultArea() == null ? "NATIONAL" : profile.defaultArea();
        this.unitPaths = new HashMap<>();
        this.classPaths = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            CountryProfile.Line l = lines.get(i);
            String at = "lines[" + i + "]";
            if (l.id() == null || l.id().isBlank()) problems.add(new ProfileProblem.Field(at + ".id", "required"));
            if (l.kind() == null || l.kind().isBlank()) problems.add(new ProfileProblem.Field(at + ".kind", "required (POVERTY, MONITORING, ...)"));
            if (l.fromYear() == null) problems.add(new ProfileProblem.Field(at + ".fromYear", "required"));
            if (l.toYear() != null && l.fromYear() != null && l.toYear() < l.fromYear()) {
                problems.add(new ProfileProblem.Field(at + ".toYear", l.toYear() + " is before fromYear " + l.fromYear()));
            }
            if ((l.amount() == null) == (l.factorOfPoverty() == null)) {
                problems.add(new ProfileProblem.Field(at + ".amount", "give either an amount or a factorOfPoverty"));
            } else if (l.amount() != null && !(l.amount() > 0)) {
                problems.add(new ProfileProblem.Field(at + ".amount", "must be more than 0, got " + l.amount()));
            } else if (l.factorOfPoverty() != null && !(l.factorOfPoverty() > 0)) {
                problems.add(new ProfileProblem.Field(at + ".factorOfPoverty", "must be more than 0, got " + l.factorOfPoverty()));
            }
            if (l.unit() != null && !List.of("PERSON", "ADULT_EQUIVALENT", "HOUSEHOLD").contains(l.unit())) {
                problems.add(new ProfileProblem.Field(at + ".unit", "PERSON, ADULT_EQUIVALENT or HOUSEHOLD, got " + l.unit()));
            }
            if (l.period() != null && !List.of("YEAR", "MONTH", "DAY").contains(l.period())) {
                problems.add(new ProfileProblem.Field(at + ".period", "YEAR, MONTH or DAY, got " + l.period()));
            }
            if (l.source() == null || l.source().isBlank()) problems.add(new ProfileProblem.Field(at + ".source", "every line needs its legal source"));
            String area = l.area();
            if (area == null || area.isBlank()) {
                problems.add(new ProfileProblem.Field(at + ".area", "required: a unit code, the country code, RURAL, URBAN or NATIONAL"));
            } else if (!CLASSES.contains(area) && !unitPaths.containsKey(area)) {
                String path = unitPath.apply(area);
                if (path == null) problems.add(new ProfileProblem.Field(at + ".area", "no org unit with code " + area));
                else unitPaths.put(area, path);
            }
        }
        for (var e : profile.areas().entrySet()) {
            List<String> paths = new ArrayList<>();
            for (String code : e.getValue()) {
                String path = unitPath.apply(code);
                if (path == null) problems.add(new ProfileProblem.Field("areas." + e.getKey(), "no org unit with code " + code));
                else paths.add(path);
            }
            classPaths.put(e.getKey(), paths);
        }
    }

    /** The area class (URBAN, RURAL, ...) of a village path. */
    String areaClass(String orgPath) {
        for (var e : classPaths.entrySet()) {
            for (String p : e.getValue()) if (orgPath.startsWith(p)) return e.getKey();
        }
        return defaultArea;
    }

    /** The line of a kind in force for a household in a year, or null if the profile has none. */
    Resolved resolve(String kind, String orgPath, int year) {
        String key = orgPath + '|' + kind + '|' + year;
        Resolved r = cache.get(key);
        if (r == null) {
            r = compute(kind, orgPath, year);
            cache.put(key, r == null ? NONE : r);
        }
        return r == NONE ? null : r;
    }

    private Resolved compute(String kind, String orgPath, int year) {
        String areaClass = areaClass(orgPath);
        CountryProfile.Line best = null;
        int bestRank = -1;
        for (CountryProfile.Line l : lines) {
            if (!kind.equals(l.kind()) || l.fromYear() == null || l.fromYear() > year || (l.toYear() != null && l.toYear() < year)) continue;
            int rank;
            String path = unitPaths.get(l.area());
            if (path != null) {
                if (!orgPath.startsWith(path)) continue;
                // a province beats an area class, which beats the whole country
                rank = path.indexOf('/', 1) == path.length() - 1 ? 100 : 1000 + path.length();
            } else if (l.area().equals(areaClass)) {
                rank = 500;
            } else if ("NATIONAL".equals(l.area())) {
                rank = 0;
            } else {
                continue;
            }
            if (rank > bestRank || (rank == bestRank && l.fromYear() > best.fromYear())) {
                best = l;
                bestRank = rank;
            }
        }
        if (best == null) return null;
        double amount;
        String source = best.source();
        if (best.amount() != null) {
            amount = best.amount();
        } else {
            Resolved poverty = "POVERTY".equals(kind) ? null : resolve("POVERTY", orgPath, year);
            if (poverty == null) return null;
            amount = best.factorOfPoverty() * poverty.amount();
            source = source + " (" + fmt(best.factorOfPoverty()) + " x " + poverty.id() + ")";
        }
        return new Resolved(best.id(), kind, amount, best.unit() == null ? "PERSON" : best.unit(),
                best.period() == null ? "YEAR" : best.period(), best.area(), source, best.verified());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
