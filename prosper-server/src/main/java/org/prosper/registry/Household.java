package org.prosper.registry;

import java.time.Instant;
import java.util.List;

/** A household in the registry with its members (members may be empty in list views). */
public record Household(Long id, String code, long orgUnitId, String countryCode, String orgPath, String address,
                        Double latitude, Double longitude, String headName, String headNationalId, String phone,
                        String housingStructure, String housingCondition, Double floorArea, String assets,
                        String waterSource, String sanitation, String cookingFuel, Boolean electricity,
                        Double landArea, String registrationStatus, Double annualIncome, String incomeCurrency,
                        Integer incomeYear, int version, Instant updatedAt, List<Person> members) {

    public Household {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public Household masked() {
        return new Household(id, code, orgUnitId, countryCode, orgPath, Masking.address(address), latitude == null ? null : round(latitude),
                longitude == null ? null : round(longitude), Masking.name(headName), Masking.identifier(headNationalId),
                Masking.identifier(phone), housingStructure, housingCondition, floorArea, assets, waterSource, sanitation,
                cookingFuel, electricity, landArea, registrationStatus, annualIncome, incomeCurrency, incomeYear, version,
                updatedAt, members.stream().map(Person::masked).toList());
    }

    /** Two decimals (about 1 km): enough for a map, not enough to find a house. */
    private static double round(double coordinate) {
        return Math.round(coordinate * 100) / 100.0;
    }

    public Household withMembers(List<Person> people) {
        return new Household(id, code, orgUnitId, countryCode, orgPath, address, latitude, longitude, headName,
                headNationalId, phone, housingStructure, housingCondition, floorArea, assets, waterSource, sanitation,
                cookingFuel, electricity, landArea, registrationStatus, annualIncome, incomeCurrency, incomeYear, version,
                updatedAt, people);
    }

    public int size() {
        return members.size();
    }
}
