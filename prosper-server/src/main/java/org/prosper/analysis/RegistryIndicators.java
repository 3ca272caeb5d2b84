package org.prosper.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.prosper.measure.mpi.Indicator;
import org.prosper.measure.mpi.MpiSpec;
import org.prosper.measure.table.TableException;
import org.prosper.registry.Household;
import org.prosper.registry.Person;

/**
 * Deprivation indicators derived from registry attributes (1 deprived, 0 not, NaN when the registry lacks what the
 * indicator needs: such households are left out of an MPI and counted). Cut-offs follow the Global MPI where the
 * registry records the same thing:
 * <ul>
 * <li>d_schooling: no member aged 10 or over has primary education or more (no member aged 10+: not deprived);</li>
 * <li>d_attendance: a child aged 6 to 15 is not in school;</li>
 * <li>d_insurance: a member has no health insurance (Viet Nam, Decree 07/2021);</li>
 * <li>d_electricity: no electricity; d_sanitation: unimproved or no toilet; d_water: unprotected well, surface water or
 * other; d_housing: housing condition C or D; d_cooking_fuel: wood, charcoal or dung;</li>
 * <li>d_assets: at most one of radio, TV, telephone, computer, bicycle, motorbike, refrigerator, and no car;</li>
 * <li>d_food_clothing (China's "two assurances"): income per person below the national line, a proxy since the registry
 * does not record food and clothing security.</li>
 * </ul>
 */
final class RegistryIndicators {

    static final String REGISTRY_MPI = "registry-mpi";
    static final String CHINA = "china-2n3g";
    static final List<String> BUILT_IN = List.of("global-mpi", "vietnam-2022", "thailand-tpmap");

    private static final Set<String> SMALL_ASSETS = Set.of("radio", "tv", "telephone", "computer", "bicycle", "motorbike", "refrigerator");
    private static final Set<String> UNSAFE_WATER = Set.of("UNPROTECTED_WELL", "SURFACE", "OTHER");
    private static final Set<String> UNIMPROVED_SANITATION = Set.of("UNIMPROVED", "NONE");
    private static final Set<String> SOLID_FUEL = Set.of("WOOD", "CHARCOAL", "DUNG");

    /** Columns this class can derive. */
    static final List<String> COLUMNS = List.of("d_schooling", "d_attendance", "d_insurance", "d_electricity", "d_sanitation",
            "d_water", "d_housing", "d_cooking_fuel", "d_assets", "d_food_clothing", "d_compulsory_education", "d_basic_medical",
            "d_safe_housing", "d_drinking_water");

    private RegistryIndicators() {
    }

    static List<String> knownSpecs() {
        List<String> all = new ArrayList<>(List.of(REGISTRY_MPI, CHINA));
        all.addAll(BUILT_IN);
        return all;
    }

    /** The spec by name; refuses a spec whose indicators the registry cannot provide, naming them. */
    static MpiSpec spec(String name, String countryCode) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        MpiSpec spec = load(name);
        List<String> missing = new ArrayList<>();
        for (Indicator i : spec.indicators()) if (!COLUMNS.contains(i.column())) missing.add(i.name() + " (" + i.column() + ")");
        if (spec.require() != null && !COLUMNS.contains(spec.require().column())) missing.add("require: " + spec.require().column());
        if (!missing.isEmpty()) {
            throw new AnalysisProblem("mpiSpec", spec.name() + " needs indicators the registry does not record: " + String.join(", ", missing)
                    + "; use " + REGISTRY_MPI + (countryCode.equals("CN") ? " or " + CHINA : ""));
        }
        if (id.equals(CHINA) && !countryCode.equals("CN")) {
            throw new AnalysisProblem("mpiSpec", CHINA + " is China's standard; the unit is not in China");
        }
        return spec;
    }

    /** A spec by name (the registry's own, China's, or a built-in one), whatever data it will be computed on. */
    static MpiSpec load(String name) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        MpiSpec spec;
        if (id.equals(REGISTRY_MPI)) {
            try (InputStream in = RegistryIndicators.class.getClassLoader().getResourceAsStream("analysis/registry-mpi.json")) {
                spec = MpiSpec.parse("registry-mpi", in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (id.equals(CHINA) || BUILT_IN.contains(id)) {
            try {
                spec = MpiSpec.builtin(id);
            } catch (TableException e) {
                throw new AnalysisProblem("mpiSpec", e.getMessage());
            }
        } else {
            throw new AnalysisProblem("mpiSpec", "unknown spec '" + name + "' (known: " + String.join(", ", knownSpecs()) + ")");
        }
        return spec;
    }

    /** The indicator's value for a household; {@code line} is the national line per person per year (China's proxy). */
    static double value(String column, Household h, LocalDate on, double line) {
        return switch (column) {
            case "d_schooling" -> schooling(h, on);
            case "d_attendance", "d_compulsory_education" -> attendance(h, on);
            case "d_insurance", "d_basic_medical" -> insurance(h);
            case "d_electricity" -> h.electricity() == null ? Double.NaN : h.electricity() ? 0 : 1;
            case "d_sanitation" -> h.sanitation() == null ? Double.NaN : UNIMPROVED_SANITATION.contains(h.sanitation()) ? 1 : 0;
            case "d_water", "d_drinking_water" -> h.waterSource() == null ? Double.NaN : UNSAFE_WATER.contains(h.waterSource()) ? 1 : 0;
            case "d_housing", "d_safe_housing" -> h.housingCondition() == null ? Double.NaN
                    : h.housingCondition().equals("C") || h.housingCondition().equals("D") ? 1 : 0;
            case "d_cooking_fuel" -> h.cookingFuel() == null ? Double.NaN : SOLID_FUEL.contains(h.cookingFuel()) ? 1 : 0;
            case "d_assets" -> assets(h);
            case "d_food_clothing" -> h.annualIncome() == null || h.size() == 0 || Double.isNaN(line) ? Double.NaN
                    : h.annualIncome() / h.size() < line ? 1 : 0;
            default -> throw new IllegalArgumentException("no registry indicator " + column);
        };
    }

    private static double schooling(Household h, LocalDate on) {
        boolean unknown = false;
        boolean anyEligible = false;
        for (Person p : h.members()) {
            Integer age = p.ageOn(on);
            if (age == null) {
                unknown = true;
                continue;
            }
            if (age < 10) continue;
            anyEligible = true;
            if (p.education() == null) unknown = true;
            else if (!p.education().equals("NONE")) return 0;
        }
        if (unknown) return Double.NaN;
        return anyEligible ? 1 : 0;
    }

    private static double attendance(Household h, LocalDate on) {
        boolean unknown = false;
        for (Person p : h.members()) {
            Integer age = p.ageOn(on);
            if (age == null) {
                unknown = true;
                continue;
            }
            if (age < 6 || age > 15) continue;
            if (p.inSchool() == null) unknown = true;
            else if (!p.inSchool()) return 1;
        }
        return unknown ? Double.NaN : 0;
    }

    private static double insurance(Household h) {
        boolean unknown = false;
        for (Person p : h.members()) {
            if (p.healthInsurance() == null) unknown = true;
            else if (!p.healthInsurance()) return 1;
        }
        return unknown || h.members().isEmpty() ? Double.NaN : 0;
    }

    private static double assets(Household h) {
        if (h.assets() == null) return Double.NaN;
        int small = 0;
        for (String a : h.assets().split(",")) {
            String asset = a.trim().toLowerCase(Locale.ROOT);
            if (asset.equals("car")) return 0;
            if (SMALL_ASSETS.contains(asset)) small++;
        }
        return small <= 1 ? 1 : 0;
    }
}
