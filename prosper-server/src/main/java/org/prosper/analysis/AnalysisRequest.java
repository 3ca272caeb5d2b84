package org.prosper.analysis;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a user asks to measure: an org unit in their scope, a data source, and either a poverty line (monetary
 * measures) or an MPI spec (multidimensional), with the welfare unit for monetary measures.
 */
@Schema(description = "An analysis: org unit, data source, and a poverty line or an MPI spec")
public record AnalysisRequest(
        @Schema(description = "The org unit to analyse; results are given for each of its child units and in total", example = "42")
        Long orgUnitId,
        @Schema(description = "Where the data come from (default: the registry as it is today)")
        Source source,
        @Schema(description = "The poverty line for monetary measures; leave out when mpiSpec is given")
        Line line,
        @Schema(description = "An MPI spec instead of a line: registry-mpi, china-2n3g (derived from the registry), or a built-in "
                + "spec of prosper-measure (global-mpi, vietnam-2022, thailand-tpmap; refused when the registry lacks its indicators)",
                example = "registry-mpi")
        String mpiSpec,
        @Schema(description = "per_capita (default) or adult_equivalent (OECD-modified scale from members' ages)", example = "per_capita")
        String welfareUnit) {

    /**
     * @param kind             registry (default) or survey
     * @param asOf             registry only: the registry as it stood at the end of this day (default today); any
     *                         day since the registry started keeping earlier versions of households
     * @param roundId          survey only: the round
     * @param welfareVariables survey only: measurement variables summed into household welfare (default: every
     *                         variable whose name starts with income_)
     * @param annualFactor     survey only: multiplies the welfare variables to a year (12 for monthly consumption)
     * @param sizeVariable     survey only: the household size variable (default household_size)
     */
    @Schema(description = "Data source: the registry (current state) or a survey round")
    public record Source(@Schema(example = "registry") String kind, LocalDate asOf, Long roundId, List<String> welfareVariables,
                         Double annualFactor, String sizeVariable) {
    }

    /**
     * @param kind     national, international or relative
     * @param id       international: EXTREME_2021 ($3.00 at 2021 PPP), LOWER_MIDDLE_2021 ($4.20), UPPER_MIDDLE_2021
     *                 ($8.30), EXTREME_2017 ($2.15 at 2017 PPP), LOWER_MIDDLE_2017 ($3.65), UPPER_MIDDLE_2017 ($6.85)
     * @param year     the price year of the line (default: the income year most households report)
     * @param area     national: RURAL (default), URBAN or NATIONAL (a missing area line falls back to the national one)
     * @param fraction relative: the fraction of the median (default 0.6)
     */
    @Schema(description = "Poverty line: national (per country, year and area), international (PPP dollars a day converted to "
            + "local currency per person per year with PPP and CPI), or relative (a fraction of the median)")
    public record Line(@Schema(example = "international") String kind, @Schema(example = "EXTREME_2021") String id, Integer year,
                       String area, Double fraction) {
    }
}
