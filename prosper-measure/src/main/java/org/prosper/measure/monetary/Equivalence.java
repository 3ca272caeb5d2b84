package org.prosper.measure.monetary;

/**
 * OECD-modified equivalence scale (Eurostat): 1 for the first adult, 0.5 for each other member aged 14 or over,
 * 0.3 for each child under 14. Equivalised income = household income / scale, given to every member.
 */
public final class Equivalence {
    private Equivalence() { }

    /** @param members household size; {@code children} members under 14 (the rest are 14 or over) */
    public static double oecdModified(int members, int children) {
        if (members < 1 || children < 0 || children >= members + (members == children ? 1 : 0) && children > members) {
            throw new IllegalArgumentException("invalid household composition: " + members + " members, " + children + " children");
        }
        int adults = members - children;
        if (adults <= 0) return 1 + 0.3 * (children - 1); // no one aged 14+: the first member counts 1
        return 1 + 0.5 * (adults - 1) + 0.3 * children;
    }

    /** Equivalised income for each household, from per-household income, size and number of children. */
    public static double[] equivalise(double[] income, double[] members, double[] children) {
        double[] out = new double[income.length];
        for (int i = 0; i < income.length; i++) {
            if (Double.isNaN(income[i]) || Double.isNaN(members[i]) || Double.isNaN(children[i])) { out[i] = Double.NaN; continue; }
            out[i] = income[i] / oecdModified((int) members[i], (int) children[i]);
        }
        return out;
    }
}
