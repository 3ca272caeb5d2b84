package org.prosper.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the deterministic synthetic demo (villages, about 5,000 households, one user per role) into an empty
 * database only, so that a restart keeps everything entered since. Every value is generated; no real person is in it.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "prosper.demo.enabled", havingValue = "true")
public class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final long SEED = 20_130_601L;
    static final int INCOME_YEAR = 2025;

    private final GeoService geo;
    private final UserService users;
    private final HouseholdService households;

    public DemoDataLoader(GeoService geo, UserService users, HouseholdService households) {
        this.geo = geo;
        this.users = users;
        this.households = households;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.isEmpty() || households.count() > 0) {
            log.info("Demo data not loaded: the database already has users or households");
            return;
        }
        long start = System.nanoTime();
        Actor system = Actor.system();
        SplittableRandom random = new SplittableRandom(SEED);
        int total = 0;
        for (DemoCountry country : DemoCountries.all()) {
            List<OrgUnit> villages = createVillages(system, country);
            List<HouseholdDraft> drafts = new ArrayList<>();
            for (int v = 0; v < villages.size(); v++) {
                DemoCountry.Village spec = country.villages().get(v);
                for (int i = 1; i <= spec.households(); i++) {
                    drafts.add(household(country, spec, villages.get(v), i, random));
                }
            }
            var result = households.createAll(system, drafts, "demo data " + country.code());
            if (!result.ok()) throw new IllegalStateException("demo data for " + country.code() + " is invalid: " + result.problems().subList(0, Math.min(5, result.problems().size())));
            total += result.created();
        }
        createUsers(system);
        log.info("Demo data loaded: {} households in {} ms", total, (System.nanoTime() - start) / 1_000_000);
    }

    private List<OrgUnit> createVillages(Actor system, DemoCountry country) {
        OrgUnit province = geo.search(system, null, 1, country.code(), 500).stream()
                .filter(u -> u.nameEn().equals(country.province())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no province " + country.province() + " in " + country.code()));
        OrgUnit parent = province;
        for (int i = 0; i < country.intermediate().size(); i++) {
            String name = country.intermediate().get(i);
            String code = country.code() + "-DEMO-L" + (i + 2) + "-" + name.toUpperCase().replaceAll("[^A-Z0-9]", "");
            parent = geo.unitByCode(code).orElse(null) != null ? geo.unitByCode(code).get()
                    : geo.create(system, new GeoService.NewUnit(code, parent.code(), name, null, null, null, null));
        }
        List<OrgUnit> villages = new ArrayList<>();
        for (DemoCountry.Village v : country.villages()) {
            villages.add(geo.create(system, new GeoService.NewUnit(v.code(), parent.code(), v.nameEn(), v.nameLocal(),
                    v.latitude(), v.longitude(), null)));
        }
        return villages;
    }

    private HouseholdDraft household(DemoCountry c, DemoCountry.Village spec, OrgUnit village, int n, SplittableRandom r) {
        int size = Math.max(1, Math.min(12, (int) Math.round(c.meanSize() + r.nextGaussian() * 1.6)));
        List<Person> members = members(c, size, r);
        double perPerson = c.medianIncomePerPerson() * Math.exp(c.incomeSpread() * r.nextGaussian());
        if (r.nextDouble() < 0.03) perPerson *= 0.25; // a few households hit by a shock this year
        double income = Math.round(perPerson * size / 10) * 10.0;
        String status = income / size < c.medianIncomePerPerson() * 0.45 ? "POOR"
                : income / size < c.medianIncomePerPerson() * 0.7 ? (r.nextBoolean() ? "NEAR_POOR" : "EX_POOR")
                : r.nextDouble() < 0.1 ? "EX_POOR" : "NOT_POOR";
        boolean safe = r.nextDouble() < c.safeHousing();
        String code = spec.code().replace("-PILOT-", "-").replace("-DEMO-", "-") + "-" + String.format("%04d", n);
        return new HouseholdDraft(code, village.id(), spec.nameEn() + ", house " + n,
                round(spec.latitude() + (r.nextDouble() - 0.5) * 0.02, 5), round(spec.longitude() + (r.nextDouble() - 0.5) * 0.02, 5),
                members.getFirst().fullName(), members.getFirst().nationalId(), phone(c, r),
                pick(r, safe ? List.of("REINFORCED_CONCRETE", "BRICK_CONCRETE", "BRICK_WOOD", "WOOD") : List.of("WOOD", "BAMBOO_THATCH", "ADOBE")),
                safe ? (r.nextDouble() < 0.6 ? "A" : "B") : (r.nextDouble() < 0.7 ? "C" : "D"),
                round(size * (8 + r.nextDouble() * 22), 1),
                String.join(",", assets(c, r)),
                r.nextDouble() < c.pipedWater() ? "PIPED" : pick(r, List.of("PROTECTED_WELL", "UNPROTECTED_WELL", "SURFACE", "RAINWATER")),
                r.nextDouble() < c.flushToilet() ? "FLUSH" : pick(r, List.of("IMPROVED_PIT", "UNIMPROVED", "NONE")),
                r.nextDouble() < c.cleanFuel() ? pick(r, List.of("GAS", "ELECTRICITY")) : pick(r, List.of("WOOD", "CHARCOAL", "KEROSENE")),
                r.nextDouble() < c.electricity(), round(r.nextDouble() * 2.5, 2), status, income, INCOME_YEAR, null, members);
    }

    private List<Person> members(DemoCountry c, int size, SplittableRandom r) {
        List<Person> people = new ArrayList<>();
        String surname = pick(r, c.surnames());
        boolean headMale = r.nextDouble() < 0.75;
        int headAge = 25 + r.nextInt(50);
        people.add(person(c, r, surname, headMale ? "M" : "F", headAge, "HEAD"));
        if (size > 1 && r.nextDouble() < 0.85) {
            people.add(person(c, r, surname, headMale ? "F" : "M", Math.max(18, headAge + r.nextInt(-6, 7)), "SPOUSE"));
        }
        while (people.size() < size) {
            boolean parent = headAge < 50 && r.nextDouble() < 0.15;
            int age = parent ? headAge + 22 + r.nextInt(10) : Math.max(0, headAge - 18 - r.nextInt(22));
            people.add(person(c, r, surname, r.nextBoolean() ? "M" : "F", age, parent ? "PARENT" : age < 0 ? "GRANDCHILD" : "CHILD"));
        }
        return people;
    }

    private Person person(DemoCountry c, SplittableRandom r, String surname, String sex, int age, String relation) {
        String given = pick(r, c.givenNames());
        String name = c.familyNameFirst() ? surname + (c.code().equals("CN") ? "" : " ") + given : given + " " + surname;
        LocalDate birth = LocalDate.of(INCOME_YEAR - age, 1 + r.nextInt(12), 1 + r.nextInt(28));
        boolean schoolAge = age >= 6 && age <= 15;
        String education = age < 6 ? "NONE" : age < 12 ? "PRIMARY" : age < 15 ? "LOWER_SECONDARY"
                : pick(r, List.of("NONE", "PRIMARY", "PRIMARY", "LOWER_SECONDARY", "UPPER_SECONDARY", "VOCATIONAL", "TERTIARY"));
        boolean disabled = r.nextDouble() < 0.04;
        String labour = age < 16 ? "NONE" : disabled || age > 70 ? pick(r, List.of("NONE", "PARTIAL")) : age > 60 ? "PARTIAL" : "FULL";
        return new Person(null, 0, name, nationalId(c, r), sex, birth, relation, pick(r, c.ethnicities()), education,
                schoolAge ? r.nextDouble() < 0.95 : age < 22 && r.nextDouble() < 0.4, disabled, r.nextDouble() < c.insured(),
                labour, labour.equals("NONE") ? null : pick(r, List.of("farmer", "farmer", "labourer", "trader", "migrant worker", "fisher")),
                labour.equals("FULL") && age < 45 && r.nextDouble() < 0.2);
    }

    private static List<String> assets(DemoCountry c, SplittableRandom r) {
        List<String> assets = new ArrayList<>();
        for (String a : List.of("radio", "tv", "telephone", "bicycle", "motorbike", "refrigerator", "computer", "car")) {
            double p = switch (a) {
                case "car", "computer" -> c.electricity() > 0.9 ? 0.2 : 0.03;
                case "refrigerator" -> c.electricity() * 0.6;
                default -> 0.5;
            };
            if (r.nextDouble() < p) assets.add(a);
        }
        return assets;
    }

    private static String nationalId(DemoCountry c, SplittableRandom r) {
        int digits = c.code().equals("CN") ? 18 : 12;
        StringBuilder id = new StringBuilder(c.code());
        for (int i = 0; i < digits; i++) id.append(r.nextInt(10));
        return id.toString();
    }

    private static String phone(DemoCountry c, SplittableRandom r) {
        return "+" + switch (c.code()) {
            case "CN" -> "86 1";
            case "KH" -> "855 1";
            case "LA" -> "856 20";
            case "MM" -> "95 9";
            case "VN" -> "84 9";
            case "TH" -> "66 8";
            case "ID" -> "62 8";
            case "PH" -> "63 9";
            case "MY" -> "60 1";
            default -> "673 8";
        } + (1_000_000 + r.nextInt(8_999_999));
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private void createUsers(Actor system) {
        record U(String username, String name, Role role, List<String> scopes) {
        }
        List<U> demo = List.of(
                new U("admin", "System administrator", Role.SYSTEM_ADMIN, List.of()),
                new U("coordinator-cn", "Country coordinator, China", Role.COUNTRY_COORDINATOR, List.of("CN")),
                new U("coordinator-kh", "Country coordinator, Cambodia", Role.COUNTRY_COORDINATOR, List.of("KH")),
                new U("coordinator-la", "Country coordinator, Lao PDR", Role.COUNTRY_COORDINATOR, List.of("LA")),
                new U("coordinator-mm", "Country coordinator, Myanmar", Role.COUNTRY_COORDINATOR, List.of("MM")),
                new U("coordinator-vn", "Country coordinator, Viet Nam", Role.COUNTRY_COORDINATOR, List.of("VN")),
                new U("officer-kh", "Local officer, Kien Svay district", Role.LOCAL_OFFICER, List.of("KH-DEMO-L2-KIENSVAY")),
                new U("officer-cn", "Local officer, Longlin county", Role.LOCAL_OFFICER, List.of("CN-DEMO-L3-LONGLIN")),
                new U("enumerator-kh", "Enumerator, Svay Ampear", Role.ENUMERATOR, List.of("KH-PILOT-SVAYAMPEAR")),
                new U("enumerator-la", "Enumerator, Xiengda", Role.ENUMERATOR, List.of("LA-PILOT-XIENGDA")),
                new U("manager", "Programme manager, pilot villages", Role.PROGRAMME_MANAGER, List.of("KH", "LA", "MM")),
                new U("manager-la", "Programme manager, Lao PDR", Role.PROGRAMME_MANAGER, List.of("LA")),
                new U("expert", "Expert", Role.EXPERT, List.of()),
                new U("viewer", "Viewer", Role.VIEWER, List.of()));
        String root = "/";
        for (U u : demo) {
            List<String> scopes = u.scopes().isEmpty() ? geo.countries().stream().map(c -> c.code()).toList() : u.scopes();
            users.create(system, new UserService.NewUser(u.username(), u.name(), "demo", u.role(), "en", scopes));
        }
        log.debug("demo users created under {}", root);
    }

    /** Demo logins, as the start-up banner prints them. */
    public static List<String> logins() {
        return List.of("admin", "coordinator-cn", "coordinator-kh", "coordinator-la", "coordinator-mm", "coordinator-vn",
                "officer-kh", "officer-cn", "enumerator-kh", "enumerator-la", "manager", "manager-la", "expert", "viewer");
    }
}
