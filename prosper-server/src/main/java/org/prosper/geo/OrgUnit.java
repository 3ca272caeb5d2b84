package org.prosper.geo;

import java.time.LocalDate;

public record OrgUnit(long id, Long parentId, String countryCode, int depth, String code, String nameEn,
                      String nameLocal, String path, boolean active, LocalDate validFrom, LocalDate validTo,
                      Double latitude, Double longitude) {

    /** The id of the unit a materialized path ends with ("/1/14/427/" -> 427): a household's path names its village. */
    public static long idAtEndOf(String path) {
        int end = path.length() - 1;
        return Long.parseLong(path.substring(path.lastIndexOf('/', end - 1) + 1, end));
    }

    /** The name a reader of {@code language} sees ({@link LocalNames}). */
    public String displayName(String language) {
        return LocalNames.choose(countryCode, language, nameEn, nameLocal);
    }
}
