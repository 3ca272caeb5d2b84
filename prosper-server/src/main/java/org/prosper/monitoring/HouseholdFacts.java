package org.prosper.monitoring;

import java.time.LocalDate;
import java.util.List;

import org.prosper.registry.Household;
import org.prosper.registry.Person;

/**
 * What the rules read of one household at a reference date, computed once per household: members' ages, the
 * income in each unit, and the household's departmental records. Reused across the rules of a run.
 */
final class HouseholdFacts {

    final Household household;
    final LocalDate date;
    final int[] ages;
    final List<DeptRecord> records;

    HouseholdFacts(Household household, LocalDate date, List<DeptRecord> records) {
        this.household = household;
        this.date = date;
        this.records = records == null ? List.of() : records;
        List<Person> members = household.members();
        this.ages = new int[members.size()];
        int year = date.getYear(), month = date.getMonthValue(), day = date.getDayOfMonth();
        for (int i = 0; i < ages.length; i++) {
            LocalDate birth = members.get(i).birthDate();
            if (birth == null) {
                ages[i] = -1;
                continue;
            }
            int age = year - birth.getYear();
            if (month < birth.getMonthValue() || (month == birth.getMonthValue() && day < birth.getDayOfMonth())) age--;
            ages[i] = age;
        }
    }

    int size() {
        return household.members().size();
    }

    boolean hasIncome() {
        return household.annualIncome() != null && household.incomeYear() != null;
    }

    double annualIncome() {
        return household.annualIncome();
    }

    int incomeYear() {
        return household.incomeYear();
    }

    /** OECD-modified scale: 1 for the first member aged 14 or more, 0.5 for each other, 0.3 for each child. */
    double adultEquivalents() {
        double scale = 0;
        boolean first = true;
        for (int age : ages) {
            if (age >= 14 || age < 0) {
                scale += first ? 1 : 0.5;
                first = false;
            } else {
                scale += 0.3;
            }
        }
        return Math.max(1, scale);
    }

    /** The annual household income expressed in a line's unit (PERSON, ADULT_EQUIVALENT, HOUSEHOLD) and period. */
    double incomeIn(String unit, String period) {
        double value = annualIncome();
        value /= switch (unit == null ? "PERSON" : unit) {
            case "HOUSEHOLD" -> 1;
            case "ADULT_EQUIVALENT" -> adultEquivalents();
            default -> Math.max(1, size());
        };
        return value / switch (period == null ? "YEAR" : period) {
            case "MONTH" -> 12;
            case "DAY" -> 365;
            default -> 1;
        };
    }

    /** Every member able to work (FULL or PARTIAL labour capacity). */
    int workers() {
        int n = 0;
        for (Person p : household.members()) {
            if ("FULL".equals(p.labourCapacity()) || "PARTIAL".equals(p.labourCapacity())) n++;
        }
        return n;
    }

    /** The records of a kind dated within the last {@code months} months up to the reference date. */
    List<DeptRecord> recent(String kind, int months) {
        if (records.isEmpty()) return List.of();
        LocalDate from = date.minusMonths(months);
        return records.stream().filter(r -> r.kind().equals(kind) && !r.date().isBefore(from) && !r.date().isAfter(date)).toList();
    }

    /** A departmental line of data matched to a household: its kind, amount and date, and where it came from. */
    record DeptRecord(long id, long batchId, int rowNo, String kind, double amount, LocalDate date) {
    }
}
