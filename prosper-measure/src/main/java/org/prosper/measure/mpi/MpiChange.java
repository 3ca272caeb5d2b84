package org.prosper.measure.mpi;

/**
 * Change in M0 (or H) between two rounds: absolute (b - a), relative ((b - a)/a), annualized absolute
 * ((b - a)/years) and annualized relative ((b/a)^(1/years) - 1), as in OPHI's global MPI reports.
 */
public record MpiChange(double absolute, double relative, double annualizedAbsolute, double annualizedRelative) {
    public static MpiChange of(double first, double second, double years) {
        return new MpiChange(second - first, (second - first) / first, (second - first) / years,
                Math.pow(second / first, 1 / years) - 1);
    }
}
