package org.prosper.monitoring;

import java.util.EnumSet;
import java.util.Set;

import static org.prosper.monitoring.RiskType.*;

/**
 * The catalogue of support measures and the risk types each answers. Households able to work get development
 * support (industry, employment, public-welfare jobs, small credit); households without labour get social protection
 * (minimum living guarantee, temporary assistance).
 */
public enum SupportMeasure {
    INDUSTRY(EnumSet.of(FAILED_BUSINESS, UNSTABLE_EMPLOYMENT, DISASTER, OTHER)),
    EMPLOYMENT(EnumSet.of(UNSTABLE_EMPLOYMENT, FAILED_BUSINESS, SCHOOLING, OTHER)),
    PUBLIC_WELFARE_JOB(EnumSet.of(UNSTABLE_EMPLOYMENT, DISABILITY, ILLNESS, OTHER)),
    SMALL_CREDIT(EnumSet.of(FAILED_BUSINESS, UNSTABLE_EMPLOYMENT, DISASTER, OTHER)),
    HEALTH_INSURANCE_MEDICAL_ASSISTANCE(EnumSet.of(ILLNESS, DISABILITY, ACCIDENT)),
    EDUCATION_AID(EnumSet.of(SCHOOLING)),
    HOUSING_RENOVATION(EnumSet.of(DISASTER, ACCIDENT, OTHER)),
    WATER_SUPPLY(EnumSet.of(DISASTER, OTHER)),
    MINIMUM_LIVING_GUARANTEE(EnumSet.of(LACK_OF_LABOUR, DISABILITY, ILLNESS, OTHER)),
    TEMPORARY_ASSISTANCE(EnumSet.allOf(RiskType.class));

    private final Set<RiskType> riskTypes;

    SupportMeasure(Set<RiskType> riskTypes) {
        this.riskTypes = riskTypes;
    }

    public Set<RiskType> riskTypes() {
        return riskTypes;
    }

    public boolean answers(RiskType type) {
        return riskTypes.contains(type);
    }
}
