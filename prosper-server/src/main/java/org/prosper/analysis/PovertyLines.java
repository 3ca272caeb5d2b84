package org.prosper.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.prosper.geo.Country;
import org.prosper.measure.lines.InternationalLine;
import org.prosper.measure.lines.NationalLines;
import org.prosper.measure.lines.PovertyLine;
import org.springframework.stereotype.Service;

/**
 * The poverty lines an analysis can use, each in local currency per person per year: national lines (shipped table
 * {@value #RESOURCE}), the World Bank's international lines converted with PPP and CPI ({@link PriceFactors}), and
 * the relative line (a fraction of the median, computed from the data).
 */
@Service
public class PovertyLines {

    static final String RESOURCE = "analysis/national-lines.tsv";
    static final double DAYS = 365;

    /** A national line as shipped, with the unit it counts in (person or adult equivalent). */
    public record National(String country, NationalLines.Line line, String unit) {
    }

    /**
     * A line ready to measure against: {@code valuePerYear} in {@code currency} per person (or adult equivalent) per
     * year, or null for a relative line until the data give the median; {@code derivation} shows the arithmetic.
     */
    public record Resolved(String kind, String id, String label, Double valuePerYear, String currency, Integer year,
                           String derivation, String source, String unit, Double fraction) {

        public PovertyLine line() {
            return valuePerYear == null ? PovertyLine.relative(fraction) : PovertyLine.absolute(valuePerYear);
        }
    }

    private final PriceFactors factors;
    private final List<National> national;

    public PovertyLines(PriceFactors factors) {
        this.factors = factors;
        this.national = load();
    }

    private static List<National> load() {
        List<National> out = new ArrayList<>();
        try (InputStream in = PovertyLines.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String row;
            boolean header = true;
            while ((row = reader.readLine()) != null) {
                if (row.startsWith("#") || row.isBlank()) continue;
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = row.split("\t", -1);
                out.add(new National(c[0], new NationalLines.Line(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                        NationalLines.Area.valueOf(c[3]), Double.parseDouble(c[4]), c[5], NationalLines.Period.valueOf(c[6]), c[8]), c[7]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    public List<National> national(String country) {
        return national.stream().filter(n -> n.country().equalsIgnoreCase(country)).toList();
    }

    /** Checks a line request before any data is read; {@code field} prefixes the field names in problems. */
    public void check(AnalysisRequest.Line spec, Country country) {
        if (spec == null) throw new AnalysisProblem("line", "give a poverty line (kind national, international or relative) or an mpiSpec");
        String kind = spec.kind() == null ? "" : spec.kind().trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "national" -> {
                area(spec);
                if (national(country.code()).isEmpty()) {
                    throw new AnalysisProblem("line.kind", "no national poverty line is known for " + country.nameEn()
                            + "; use an international or a relative line");
                }
            }
            case "international" -> {
                InternationalLine line = international(spec);
                String pppKind = "PPP" + line.pppYear();
                if (factors.find(country.code(), pppKind, line.pppYear()).isEmpty()) {
                    throw new AnalysisProblem("line.id", "no " + line.pppYear() + " PPP factor for " + country.nameEn()
                            + "; an administrator can add it (PUT /api/v1/analysis/factors)");
                }
                if (factors.find(country.code(), "CPI", line.pppYear()).isEmpty()) {
                    throw new AnalysisProblem("line.id", "no CPI for " + country.nameEn() + " in " + line.pppYear()
                            + "; an administrator can add it (PUT /api/v1/analysis/factors)");
                }
            }
            case "relative" -> fraction(spec);
            default -> throw new AnalysisProblem("line.kind", "one of national, international, relative; got '" + spec.kind() + "'");
        }
        if (spec.year() != null && (spec.year() < 1990 || spec.year() > 2100)) {
            throw new AnalysisProblem("line.year", "between 1990 and 2100, got " + spec.year());
        }
    }

    /** The line in local currency per year for the given price year (the request's own year wins when given). */
    public Resolved resolve(AnalysisRequest.Line spec, Country country, int dataYear) {
        check(spec, country);
        int year = spec.year() != null ? spec.year() : dataYear;
        String kind = spec.kind().trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "national" -> {
                NationalLines.Area area = area(spec);
                NationalLines lines = new NationalLines();
                for (National n : national(country.code())) lines.add(n.line());
                NationalLines.Line line = lines.find(country.code(), year, area)
                        .orElseThrow(() -> new AnalysisProblem("line.year", "no national line of " + country.nameEn() + " is in force in "
                                + year + " (known: " + national(country.code()).stream().map(n -> n.line().fromYear()
                                + (n.line().toYear() == 0 ? "-" : "-" + n.line().toYear()) + " " + n.line().area()).toList() + ")"));
                String unit = national(country.code()).stream().filter(n -> n.line() == line).findFirst().map(National::unit).orElse("PERSON");
                double perYear = line.perDay() * DAYS;
                String derivation = String.format(Locale.ROOT, "%s %s per %s x %s = %s %s per year", plain(line.value()), line.currency(),
                        line.period().name().toLowerCase(Locale.ROOT), switch (line.period()) {
                            case DAY -> "365";
                            case MONTH -> "12";
                            case YEAR -> "1";
                        }, plain(perYear), line.currency());
                yield new Resolved("national", line.area().name(), country.nameEn() + " national line (" + line.area().name().toLowerCase(Locale.ROOT)
                        + ", " + line.fromYear() + (line.toYear() == 0 ? "" : "-" + line.toYear()) + ")", perYear, line.currency(), year,
                        derivation, line.source(), unit, null);
            }
            case "international" -> {
                InternationalLine line = international(spec);
                PriceFactors.Factor ppp = factors.find(country.code(), "PPP" + line.pppYear(), line.pppYear()).orElseThrow();
                PriceFactors.Factor base = factors.find(country.code(), "CPI", line.pppYear()).orElseThrow();
                PriceFactors.Factor now = factors.cpiAtOrBefore(country.code(), year).orElseThrow(() -> new AnalysisProblem("line.year",
                        "no CPI for " + country.nameEn() + " in or before " + year));
                double perDay = line.inLocalCurrencyPerDay(ppp.value(), now.value(), base.value());
                double perYear = perDay * DAYS;
                String derivation = String.format(Locale.ROOT, "$%.2f x PPP %s (%d) x CPI %d / CPI %d (%s / %s) x 365 = %s %s per year%s",
                        line.dollarsPerDay(), plain(ppp.value()), line.pppYear(), now.year(), base.year(), plain(now.value()),
                        plain(base.value()), plain(perYear), country.currency(),
                        now.year() == year ? "" : " (no CPI for " + year + " yet: " + now.year() + " used)");
                yield new Resolved("international", line.name(), String.format(Locale.ROOT, "$%.2f a day (%d PPP)", line.dollarsPerDay(), line.pppYear()),
                        perYear, country.currency(), year, derivation, ppp.source() + "; CPI: " + now.source(), "PERSON", null);
            }
            default -> {
                double fraction = fraction(spec);
                yield new Resolved("relative", null, String.format(Locale.ROOT, "%s%% of the median", plain(fraction * 100)), null,
                        country.currency(), year, null, "relative line: a fraction of the weighted median of the analysed population",
                        "PERSON", fraction);
            }
        };
    }

    /** The relative line once the median is known. */
    public static Resolved withValue(Resolved relative, double value) {
        String derivation = String.format(Locale.ROOT, "%s x median = %s %s per year", plain(relative.fraction()), plain(value), relative.currency());
        return new Resolved(relative.kind(), relative.id(), relative.label(), value, relative.currency(), relative.year(), derivation,
                relative.source(), relative.unit(), relative.fraction());
    }

    /** What the lines endpoint offers for a country: every line with its value for the year. */
    public List<Resolved> options(Country country, int year) {
        List<Resolved> out = new ArrayList<>();
        for (National n : national(country.code())) {
            if (n.line().fromYear() > year || (n.line().toYear() != 0 && n.line().toYear() < year)) continue;
            out.add(resolve(new AnalysisRequest.Line("national", null, year, n.line().area().name(), null), country, year));
        }
        for (InternationalLine line : InternationalLine.values()) {
            AnalysisRequest.Line spec = new AnalysisRequest.Line("international", line.name(), year, null, null);
            try {
                out.add(resolve(spec, country, year));
            } catch (AnalysisProblem e) {
                out.add(new Resolved("international", line.name(), String.format(Locale.ROOT, "$%.2f a day (%d PPP)", line.dollarsPerDay(),
                        line.pppYear()), null, country.currency(), year, e.getMessage(), null, "PERSON", null));
            }
        }
        out.add(resolve(new AnalysisRequest.Line("relative", null, year, null, 0.6), country, year));
        return out;
    }

    private static NationalLines.Area area(AnalysisRequest.Line spec) {
        if (spec.area() == null || spec.area().isBlank()) return NationalLines.Area.RURAL;
        try {
            return NationalLines.Area.valueOf(spec.area().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AnalysisProblem("line.area", "one of " + Arrays.toString(NationalLines.Area.values()) + ", got '" + spec.area() + "'");
        }
    }

    static InternationalLine international(AnalysisRequest.Line spec) {
        if (spec.id() == null || spec.id().isBlank()) {
            throw new AnalysisProblem("line.id", "which international line: one of " + Arrays.toString(InternationalLine.values()));
        }
        try {
            return InternationalLine.valueOf(spec.id().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AnalysisProblem("line.id", "unknown international line '" + spec.id() + "' (one of " + Arrays.toString(InternationalLine.values()) + ")");
        }
    }

    private static double fraction(AnalysisRequest.Line spec) {
        double f = spec.fraction() == null ? 0.6 : spec.fraction();
        if (!(f > 0) || f > 2) throw new AnalysisProblem("line.fraction", "a fraction of the median above 0 and at most 2, got " + spec.fraction());
        return f;
    }

    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, "%,.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    public Optional<National> nationalFor(String country, int year, String area) {
        AnalysisRequest.Line spec = new AnalysisRequest.Line("national", null, year, area, null);
        NationalLines lines = new NationalLines();
        for (National n : national(country)) lines.add(n.line());
        return lines.find(country, year, area(spec)).flatMap(l -> national(country).stream().filter(n -> n.line() == l).findFirst());
    }
}
