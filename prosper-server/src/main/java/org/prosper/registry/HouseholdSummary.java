package org.prosper.registry;

/** One row of the household list: no members, only how many there are. */
public record HouseholdSummary(long id, String code, long orgUnitId, String countryCode, String headName,
                               String registrationStatus, Double annualIncome, String incomeCurrency, Integer incomeYear,
                               String housingCondition, String waterSource, int memberCount) {

    static HouseholdSummary of(Household h, int members) {
        return new HouseholdSummary(h.id(), h.code(), h.orgUnitId(), h.countryCode(), h.headName(), h.registrationStatus(),
                h.annualIncome(), h.incomeCurrency(), h.incomeYear(), h.housingCondition(), h.waterSource(), members);
    }
}
