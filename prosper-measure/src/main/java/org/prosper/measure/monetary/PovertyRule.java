package org.prosper.measure.monetary;

/** Who is poor: {@code LT} y &lt; z (World Bank, laeken; the default) or {@code LE} y &lt;= z (convey). */
public enum PovertyRule {
    LT, LE;

    public boolean isPoor(double y, double z) { return this == LT ? y < z : y <= z; }

    /** Number of poor among values sorted ascending (a prefix). */
    public int poorCount(double[] y, int n, double z) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (isPoor(y[mid], z)) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
