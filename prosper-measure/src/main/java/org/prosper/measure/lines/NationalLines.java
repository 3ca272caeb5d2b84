package org.prosper.measure.lines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * National poverty lines per country, year and area (urban/rural/national), in local currency with their legal
 * source. {@link #defaults()} ships the lines named in docs/domain/measurement.md; the server can load more.
 * A lookup returns the most recent line in force for the year asked.
 */
public final class NationalLines {
    public enum Area { NATIONAL, URBAN, RURAL }

    public enum Period { DAY, MONTH, YEAR }

    /** A line in force from {@code fromYear} (inclusive) to {@code toYear} (inclusive; 0 = open-ended). */
    public record Line(String country, int fromYear, int toYear, Area area, double value, String currency, Period period,
                       String source) {
        public double perDay() {
            return switch (period) { case DAY -> value; case MONTH -> value * 12 / 365.0; case YEAR -> value / 365.0; };
        }

        public double perMonth() { return perDay() * 365.0 / 12; }

        boolean covers(int year) { return year >= fromYear && (toYear == 0 || year <= toYear); }
    }

    private final List<Line> lines = new ArrayList<>();

    public NationalLines add(Line line) { lines.add(line); return this; }

    public List<Line> all() { return List.copyOf(lines); }

    /** The line for a country (ISO3), year and area; falls back to the national line when no area line exists. */
    public Optional<Line> find(String country, int year, Area area) {
        Optional<Line> exact = lines.stream().filter(l -> l.country().equalsIgnoreCase(country) && l.area() == area && l.covers(year))
                .max(Comparator.comparingInt(Line::fromYear));
        if (exact.isPresent() || area == Area.NATIONAL) return exact;
        return find(country, year, Area.NATIONAL);
    }

    public static NationalLines defaults() {
        String vn07 = "Decree 07/2021/ND-CP (multidimensional poverty standard 2022-2025)";
        String vn351 = "Decree 351/2025/ND-CP (multidimensional poverty standard 2026-2030)";
        return new NationalLines()
                .add(new Line("VNM", 2022, 2025, Area.RURAL, 1_500_000, "VND", Period.MONTH, vn07))
                .add(new Line("VNM", 2022, 2025, Area.URBAN, 2_000_000, "VND", Period.MONTH, vn07))
                .add(new Line("VNM", 2026, 2030, Area.RURAL, 2_200_000, "VND", Period.MONTH, vn351))
                .add(new Line("VNM", 2026, 2030, Area.URBAN, 2_800_000, "VND", Period.MONTH, vn351));
    }
}
