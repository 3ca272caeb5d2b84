package org.prosper.projects;

import java.time.LocalDate;

/**
 * One change of a plan adjustment. Kinds: TARGET (indicator code, period, value), BUDGET (period, value, currency; an
 * empty value removes the line), ADD_ACTIVITY and REMOVE_ACTIVITY (title), ADD_VILLAGE, REMOVE_VILLAGE,
 * ADD_COMPARISON_VILLAGE and REMOVE_COMPARISON_VILLAGE (org unit code).
 */
public record PlanChange(String kind, String indicator, LocalDate periodStart, LocalDate periodEnd, String value,
                         String currency, String title, String village) {
}
