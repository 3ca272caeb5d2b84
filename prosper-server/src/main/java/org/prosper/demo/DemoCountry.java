package org.prosper.demo;

import java.util.List;

/**
 * What households look like in one country of the demo: where its villages are, income per person per year in local
 * currency (log-normal around a median), household size and access to services. Plausible, not official, figures.
 */
record DemoCountry(String code, String province, List<String> intermediate, List<Village> villages,
                   double medianIncomePerPerson, double incomeSpread, double meanSize, double insured,
                   double pipedWater, double flushToilet, double cleanFuel, double electricity, double safeHousing,
                   List<String> surnames, List<String> givenNames, boolean familyNameFirst, List<String> ethnicities) {

    record Village(String code, String nameEn, String nameLocal, double latitude, double longitude, int households,
                   boolean pilot) {
    }
}
