package org.prosper.measure.lines;

/**
 * World Bank international poverty lines in PPP dollars a day, and the conversion of a local-currency welfare
 * aggregate to them: welfare (LCU per day) / PPP factor / (CPI of the survey year / CPI of the PPP base year).
 * 2021 PPP lines since June 2025 ($3.00 extreme, $4.20 and $8.30 for lower- and upper-middle income); the 2017 PPP
 * series ($2.15, $3.65, $6.85) for comparisons with earlier figures.
 */
public enum InternationalLine {
    EXTREME_2021(3.00, 2021), LOWER_MIDDLE_2021(4.20, 2021), UPPER_MIDDLE_2021(8.30, 2021),
    EXTREME_2017(2.15, 2017), LOWER_MIDDLE_2017(3.65, 2017), UPPER_MIDDLE_2017(6.85, 2017);

    private final double dollarsPerDay;
    private final int pppYear;

    InternationalLine(double dollarsPerDay, int pppYear) { this.dollarsPerDay = dollarsPerDay; this.pppYear = pppYear; }

    public double dollarsPerDay() { return dollarsPerDay; }

    public int pppYear() { return pppYear; }

    /** Welfare in local currency per day converted to PPP dollars of the base year. */
    public static double toPppDollars(double lcuPerDay, double ppp, double cpiSurveyYear, double cpiPppYear) {
        return lcuPerDay / ppp / (cpiSurveyYear / cpiPppYear);
    }

    /** This line in local currency per day of the survey year (the inverse conversion). */
    public double inLocalCurrencyPerDay(double ppp, double cpiSurveyYear, double cpiPppYear) {
        return dollarsPerDay * ppp * (cpiSurveyYear / cpiPppYear);
    }

    /** Per month (365/12 days), as national lines are usually stated. */
    public double inLocalCurrencyPerMonth(double ppp, double cpiSurveyYear, double cpiPppYear) {
        return inLocalCurrencyPerDay(ppp, cpiSurveyYear, cpiPppYear) * 365.0 / 12;
    }
}
