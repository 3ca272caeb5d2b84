package org.prosper.geo;

import java.time.LocalDate;

public record OrgUnit(long id, Long parentId, String countryCode, int depth, String code, String nameEn,
                      String nameLocal, String path, boolean active, LocalDate validFrom, LocalDate validTo,
                      Double latitude, Double longitude) {

    public String displayName(String language) {
        return nameLocal != null && !nameLocal.isBlank() && !"en".equals(language) ? nameLocal : nameEn;
    }
}
