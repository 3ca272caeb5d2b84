package org.prosper.survey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.Person;

/** Survey answers laid over a registry draft: mapped household attributes, and the roster merged by position. */
final class RegistryDraft {

    private RegistryDraft() {
    }

    static HouseholdDraft merge(HouseholdDraft d, Map<String, String> a, List<Map<String, String>> roster) {
        Double lat = d.latitude(), lon = d.longitude();
        if (a.containsKey("location")) {
            String[] p = a.get("location").trim().split("\\s+");
            if (p.length >= 2) {
                lat = Double.valueOf(p[0]);
                lon = Double.valueOf(p[1]);
            }
        }
        Double income = a.containsKey("annualIncome") ? num(a.get("annualIncome")) : d.annualIncome();
        Integer incomeYear = d.incomeYear() != null ? d.incomeYear() : income != null ? LocalDate.now().getYear() : null;
        List<Person> members = new ArrayList<>(d.members());
        for (int i = 0; i < roster.size(); i++) {
            Map<String, String> r = roster.get(i);
            Person p = i < members.size() ? members.get(i) : new Person(null, i + 1, null, null, null, null, null, null, null, null, null, null, null, null, null);
            Person merged = new Person(p.id(), i + 1, r.getOrDefault("fullName", p.fullName()), p.nationalId(),
                    up(r.getOrDefault("sex", p.sex())), r.containsKey("birthDate") ? LocalDate.parse(r.get("birthDate").substring(0, 10)) : p.birthDate(),
                    up(r.getOrDefault("relation", p.relation())), p.ethnicity(), up(r.getOrDefault("education", p.education())),
                    r.containsKey("inSchool") ? bool(r.get("inSchool")) : p.inSchool(), r.containsKey("disability") ? bool(r.get("disability")) : p.disability(),
                    p.healthInsurance(), p.labourCapacity(), r.getOrDefault("occupation", p.occupation()), p.migrantWorker());
            if (i < members.size()) members.set(i, merged);
            else members.add(merged);
        }
        return new HouseholdDraft(d.code(), d.orgUnitId(), a.getOrDefault("address", d.address()), lat, lon,
                a.getOrDefault("headName", d.headName()), d.headNationalId(), a.getOrDefault("phone", d.phone()),
                up(a.getOrDefault("housingStructure", d.housingStructure())), up(a.getOrDefault("housingCondition", d.housingCondition())),
                a.containsKey("floorArea") ? num(a.get("floorArea")) : d.floorArea(), a.containsKey("assets") ? a.get("assets").trim().replaceAll("\\s+", ",") : d.assets(),
                up(a.getOrDefault("waterSource", d.waterSource())), up(a.getOrDefault("sanitation", d.sanitation())),
                up(a.getOrDefault("cookingFuel", d.cookingFuel())), a.containsKey("electricity") ? bool(a.get("electricity")) : d.electricity(),
                a.containsKey("landArea") ? num(a.get("landArea")) : d.landArea(), d.registrationStatus(), income, incomeYear, d.version(), members);
    }

    private static String up(String v) {
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }

    private static Double num(String v) {
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "1", "y" -> true;
            case "no", "false", "0", "n" -> false;
            default -> null;
        };
    }
}
