package org.prosper.registry;

import java.util.List;

/** A household as a client sends it (web form, API, import row): no id, path or country, which the server derives. */
public record HouseholdDraft(String code, Long orgUnitId, String address, Double latitude, Double longitude,
                             String headName, String headNationalId, String phone, String housingStructure,
                             String housingCondition, Double floorArea, String assets, String waterSource,
                             String sanitation, String cookingFuel, Boolean electricity, Double landArea,
                             String registrationStatus, Double annualIncome, Integer incomeYear, Integer version,
                             List<Person> members) {

    public HouseholdDraft {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public static HouseholdDraft of(Household h) {
        return new HouseholdDraft(h.code(), h.orgUnitId(), h.address(), h.latitude(), h.longitude(), h.headName(),
                h.headNationalId(), h.phone(), h.housingStructure(), h.housingCondition(), h.floorArea(), h.assets(),
                h.waterSource(), h.sanitation(), h.cookingFuel(), h.electricity(), h.landArea(), h.registrationStatus(),
                h.annualIncome(), h.incomeYear(), h.version(), h.members());
    }
}
