package org.prosper.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an analysis: aggregates only (no household or person appears). Monetary measures are fractions
 * (fgt0 0.25 = 25 %) or amounts in the line's currency per person (or adult equivalent) per year; MPI measures are
 * fractions. A value or SE is null where it is not defined.
 */
@Schema(description = "Measures by child unit and in total, with standard errors; aggregates only")
public record AnalysisResult(
        String id,
        @Schema(description = "MONETARY or MPI") String kind,
        Unit unit,
        Source source,
        @Schema(description = "per_capita or adult_equivalent (monetary only)") String welfareUnit,
        @Schema(description = "The line measured against, with its arithmetic (monetary only)") PovertyLines.Resolved line,
        @Schema(description = "The MPI spec (MPI only)") Spec spec,
        @Schema(description = "Households measured") long households,
        @Schema(description = "Persons they count") double population,
        @Schema(description = "Households left out, by reason") Map<String, Long> excluded,
        Design design,
        @Schema(description = "Measures in the order shown") List<String> measures,
        Row total,
        @Schema(description = "One row per child unit (the unit itself when it has none)") List<Row> rows,
        @Schema(description = "MPI indicators: headcounts and contribution to M0 (MPI only)") List<IndicatorRow> indicators,
        @Schema(description = "GeoJSON of the child units' boundaries for the choropleth") String boundaries,
        Instant computedAt) {

    public record Unit(long id, String code, String name, String nameLocal, String countryCode) {
    }

    /** Where the data came from and the date they describe. */
    public record Source(String kind, String label, String asOf, Long roundId) {
    }

    public record Spec(String id, String name, double k) {
    }

    /** How standard errors were computed, and what they mean for these data. */
    public record Design(String strata, String psu, String note) {
    }

    /** A point estimate and its standard error (null where undefined). */
    public record Value(Double value, Double se) {
        static Value of(double value, double se) {
            return new Value(Double.isFinite(value) ? value : null, Double.isFinite(se) ? se : null);
        }
    }

    public record Row(Long unitId, String code, String name, String nameLocal, String countryCode, long households, double population,
                      Map<String, Value> estimates) {

        public String displayName(String language) {
            return org.prosper.geo.LocalNames.choose(countryCode, language, name, nameLocal);
        }
    }

    public record IndicatorRow(String name, String dimension, double weight, Value uncensored, Value censored, Double contribution) {
    }
}
