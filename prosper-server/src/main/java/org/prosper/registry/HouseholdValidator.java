package org.prosper.registry;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import org.prosper.platform.FieldProblem;
import org.springframework.stereotype.Component;

/** The one set of rules a household must meet, whether it comes from a form, the API or an import file. */
@Component
public class HouseholdValidator {

    /** Compiled once: bulk imports check a million codes. */
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9._/-]{1,60}");

    public List<FieldProblem> check(HouseholdDraft h) {
        List<FieldProblem> problems = new ArrayList<>();
        if (h.code() != null && !h.code().isBlank() && !CODE.matcher(h.code()).matches()) {
            problems.add(FieldProblem.of(null, "code", "problem.household.code"));
        }
        if (h.orgUnitId() == null) problems.add(FieldProblem.of(null, "orgUnitId", "problem.household.village"));
        range(problems, null, "latitude", h.latitude(), -90, 90);
        range(problems, null, "longitude", h.longitude(), -180, 180);
        if ((h.latitude() == null) != (h.longitude() == null)) {
            problems.add(FieldProblem.of(null, h.latitude() == null ? "latitude" : "longitude", "problem.household.coordinates"));
        }
        range(problems, null, "floorArea", h.floorArea(), 0, 10_000);
        range(problems, null, "landArea", h.landArea(), 0, 1_000_000);
        range(problems, null, "annualIncome", h.annualIncome(), 0, 1e15);
        if (h.incomeYear() != null && (h.incomeYear() < 1990 || h.incomeYear() > Year.now().getValue() + 1)) {
            problems.add(FieldProblem.of(null, "incomeYear", "problem.household.incomeYear", h.incomeYear()));
        }
        if (h.annualIncome() != null && h.incomeYear() == null) {
            problems.add(FieldProblem.of(null, "incomeYear", "problem.household.incomeYearRequired"));
        }
        vocabulary(problems, null, Vocabulary.HOUSING_STRUCTURE, h.housingStructure());
        vocabulary(problems, null, Vocabulary.HOUSING_CONDITION, h.housingCondition());
        vocabulary(problems, null, Vocabulary.WATER_SOURCE, h.waterSource());
        vocabulary(problems, null, Vocabulary.SANITATION, h.sanitation());
        vocabulary(problems, null, Vocabulary.COOKING_FUEL, h.cookingFuel());
        if (h.registrationStatus() == null || h.registrationStatus().isBlank()) {
            problems.add(FieldProblem.of(null, "registrationStatus", "problem.requiredOneOf", Vocabulary.REGISTRATION_STATUS.allowed()));
        } else {
            vocabulary(problems, null, Vocabulary.REGISTRATION_STATUS, h.registrationStatus());
        }
        freeText(problems, null, "address", h.address(), 500);
        freeText(problems, null, "headName", h.headName(), 200);
        freeText(problems, null, "headNationalId", h.headNationalId(), 60);
        freeText(problems, null, "phone", h.phone(), 40);
        freeText(problems, null, "assets", h.assets(), 500);
        checkMembers(problems, h.members());
        return problems;
    }

    private void checkMembers(List<FieldProblem> problems, List<Person> members) {
        if (members.isEmpty()) {
            problems.add(FieldProblem.of(null, "members", "problem.household.noMembers"));
            return;
        }
        long heads = members.stream().filter(p -> "HEAD".equals(p.relation())).count();
        if (heads != 1) problems.add(FieldProblem.of(null, "members", "problem.household.oneHead", heads));
        LocalDate today = LocalDate.now();
        for (int i = 0; i < members.size(); i++) {
            Person p = members.get(i);
            int line = i + 1;
            if (p.sex() == null || p.sex().isBlank()) problems.add(FieldProblem.of(line, "sex", "problem.requiredOneOf", Vocabulary.SEX.allowed()));
            else vocabulary(problems, line, Vocabulary.SEX, p.sex());
            if (p.relation() == null || p.relation().isBlank()) problems.add(FieldProblem.of(line, "relation", "problem.required"));
            else vocabulary(problems, line, Vocabulary.RELATION, p.relation());
            vocabulary(problems, line, Vocabulary.EDUCATION, p.education());
            vocabulary(problems, line, Vocabulary.LABOUR_CAPACITY, p.labourCapacity());
            if (p.birthDate() != null && (p.birthDate().isAfter(today) || p.birthDate().isBefore(LocalDate.of(1900, 1, 1)))) {
                problems.add(FieldProblem.of(line, "birthDate", "problem.household.birthDate", p.birthDate()));
            }
            freeText(problems, line, "fullName", p.fullName(), 200);
            freeText(problems, line, "nationalId", p.nationalId(), 60);
            freeText(problems, line, "ethnicity", p.ethnicity(), 60);
            freeText(problems, line, "occupation", p.occupation(), 100);
        }
    }

    private static void range(List<FieldProblem> problems, Integer member, String field, Double value, double min, double max) {
        if (value == null) return;
        if (value.isNaN() || value < min || value > max) {
            problems.add(FieldProblem.of(member, field, "problem.range", value, fmt(min), fmt(max)));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e12 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void vocabulary(List<FieldProblem> problems, Integer member, Vocabulary vocabulary, String value) {
        if (value != null && !value.isBlank() && !vocabulary.accepts(value)) {
            problems.add(FieldProblem.of(member, vocabulary.field(), "problem.notOneOf", value, vocabulary.allowed()));
        }
    }

    private static void freeText(List<FieldProblem> problems, Integer member, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(FieldProblem.of(member, field, "problem.tooLong", max));
        } else if (value != null && value.indexOf('\0') >= 0) {
            // PostgreSQL's text holds no NUL: refused here with the field, not by the database with a failed statement
            problems.add(FieldProblem.of(member, field, "problem.nul"));
        }
    }
}
