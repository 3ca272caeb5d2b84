package org.prosper.monitoring;

/** Causes of a risk of (returning to) poverty, as China's monitoring codes them (因病, 因学, 因残, ...). */
public enum RiskType {
    ILLNESS, SCHOOLING, DISABILITY, DISASTER, ACCIDENT, FAILED_BUSINESS, UNSTABLE_EMPLOYMENT, LACK_OF_LABOUR, OTHER
}
