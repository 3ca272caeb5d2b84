package org.prosper.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdQuery;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.HouseholdSummary;
import org.prosper.registry.Person;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analysis API against hand computations over the same households: a district of our own with known incomes
 * (two communes of two villages each), and demo villages read back through HouseholdService. Scopes above 1,000
 * households run as jobs here (the threshold is a property), so the job path is exercised on a demo country.
 */
@DatabaseTest
@TestPropertySource(properties = "prosper.analysis.job-threshold=1000")
class AnalysisApiTest {

    static final String DISTRICT = "KH-ANTEST-D";

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired GeoService geo;
    @Autowired HouseholdService households;

    /** Per village: {annual income or null, members, deprived in living standards (1) or not (0)}. */
    static final Map<String, double[][]> VILLAGES = Map.of(
            "KH-ANTEST-V11", new double[][] {{3_000_000, 3, 1}, {8_000_000, 2, 0}, {1_200_000, 4, 1}},
            "KH-ANTEST-V12", new double[][] {{10_000_000, 5, 0}, {500_000, 1, 1}},
            "KH-ANTEST-V21", new double[][] {{6_000_000, 3, 0}, {2_000_000, 2, 0}},
            "KH-ANTEST-V22", new double[][] {{9_000_000, 3, 0}, {Double.NaN, 2, 0}, {4_500_000, 3, 0}});

    @BeforeEach
    void districtOfOurOwn() {
        if (geo.unitByCode(DISTRICT).isPresent()) return;
        Actor system = Actor.system();
        OrgUnit province = geo.unitByCode("KH-DEMO-L2-KIENSVAY").map(u -> geo.unit(u.parentId())).orElseThrow();
        geo.create(system, new GeoService.NewUnit(DISTRICT, province.code(), "Analysis test district", null, null, null, null));
        for (String commune : List.of("KH-ANTEST-C1", "KH-ANTEST-C2")) {
            geo.create(system, new GeoService.NewUnit(commune, DISTRICT, "Commune " + commune.substring(commune.length() - 1), null, null, null, null));
        }
        List<HouseholdDraft> drafts = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(VILLAGES).entrySet()) {
            String commune = "KH-ANTEST-C" + e.getKey().charAt(e.getKey().length() - 2);
            OrgUnit village = geo.create(system, new GeoService.NewUnit(e.getKey(), commune, "Village " + e.getKey().substring(e.getKey().length() - 2),
                    null, 11.5, 105.0, null));
            int n = 0;
            for (double[] h : e.getValue()) {
                boolean deprived = h[2] == 1;
                List<Person> members = new ArrayList<>();
                for (int m = 0; m < (int) h[1]; m++) {
                    boolean child = m >= 2;
                    members.add(new Person(null, 0, "Member " + m, null, m % 2 == 0 ? "F" : "M",
                            child ? LocalDate.now().minusYears(9) : LocalDate.of(1980, 1, 1), m == 0 ? "HEAD" : child ? "CHILD" : "SPOUSE",
                            null, "PRIMARY", child ? Boolean.TRUE : Boolean.FALSE, false, true, child ? "NONE" : "FULL", null, false));
                }
                drafts.add(new HouseholdDraft(e.getKey() + "-" + (++n), village.id(), null, null, null, "Head", null, null, "WOOD",
                        deprived ? "D" : "A", 40.0, deprived ? "radio" : "radio,tv,motorbike", deprived ? "SURFACE" : "PIPED",
                        deprived ? "NONE" : "FLUSH", deprived ? "WOOD" : "GAS", !deprived, 1.0, "NOT_POOR",
                        Double.isNaN(h[0]) ? null : h[0], Double.isNaN(h[0]) ? null : 2025, null, members));
            }
        }
        var result = households.createAll(system, drafts, "analysis test");
        assertThat(result.problems()).isEmpty();
    }

    private long id(String code) {
        return geo.unitByCode(code).orElseThrow().id();
    }

    private JsonNode analyse(String user, String body, int expectedStatus) throws Exception {
        String answer = mvc.perform(post("/api/v1/analysis").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expectedStatus)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(answer);
    }

    private JsonNode getJson(String url, String user) throws Exception {
        return json.readTree(mvc.perform(get(url).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static double factor(JsonNode factors, String kind, int year) {
        for (JsonNode f : factors) if (f.path("kind").asString().equals(kind) && f.path("year").asInt() == year) return f.path("value").asDouble();
        throw new AssertionError("no " + kind + " " + year);
    }

    @Test
    void internationalLineMeasuresEqualAHandComputation() throws Exception {
        JsonNode factors = getJson("/api/v1/analysis/factors?country=KH", "viewer");
        double line = 3.00 * factor(factors, "PPP2021", 2021) * factor(factors, "CPI", 2025) / factor(factors, "CPI", 2021) * 365;

        JsonNode r = analyse("coordinator-kh", """
                {"orgUnitId": %d, "line": {"kind": "international", "id": "EXTREME_2021"}}""".formatted(id(DISTRICT)), 200);
        assertThat(r.path("line").path("valuePerYear").asDouble()).isCloseTo(line, within(1e-6));
        assertThat(r.path("line").path("currency").asString()).isEqualTo("KHR");
        assertThat(r.path("line").path("year").asInt()).isEqualTo(2025);

        // by hand: persons poor / persons, and total income / persons, per commune and in total (one household has no income)
        Map<String, double[]> byCommune = new HashMap<>(); // {persons, poor persons, income, households}
        for (var e : VILLAGES.entrySet()) {
            String commune = "KH-ANTEST-C" + e.getKey().charAt(e.getKey().length() - 2);
            for (double[] h : e.getValue()) {
                if (Double.isNaN(h[0])) continue;
                double[] c = byCommune.computeIfAbsent(commune, k -> new double[4]);
                c[0] += h[1];
                if (h[0] / h[1] < line) c[1] += h[1];
                c[2] += h[0];
                c[3]++;
            }
        }
        double persons = 0, poor = 0, income = 0;
        for (double[] c : byCommune.values()) {
            persons += c[0];
            poor += c[1];
            income += c[2];
        }
        assertThat(r.path("households").asLong()).isEqualTo(9);
        assertThat(r.path("population").asDouble()).isEqualTo(persons);
        assertThat(r.path("excluded").path("no_income").asLong()).isEqualTo(1);
        assertThat(r.path("total").path("estimates").path("fgt0").path("value").asDouble()).isCloseTo(poor / persons, within(1e-12));
        assertThat(r.path("total").path("estimates").path("mean").path("value").asDouble()).isCloseTo(income / persons, within(1e-6));
        assertThat(r.path("total").path("estimates").path("fgt0").path("se").isNumber()).isTrue();
        assertThat(r.path("design").path("strata").asString()).isEqualTo("child unit");
        assertThat(r.path("design").path("psu").asString()).isEqualTo("village");

        assertThat(r.path("rows")).hasSize(2);
        for (JsonNode row : r.path("rows")) {
            double[] c = byCommune.get(row.path("code").asString());
            assertThat(row.path("households").asLong()).isEqualTo((long) c[3]);
            assertThat(row.path("population").asDouble()).isEqualTo(c[0]);
            assertThat(row.path("estimates").path("fgt0").path("value").asDouble()).isCloseTo(c[1] / c[0], within(1e-12));
            assertThat(row.path("estimates").path("mean").path("value").asDouble()).isCloseTo(c[2] / c[0], within(1e-6));
        }
        assertThat(r.path("boundaries").asString()).isEqualTo("/api/v1/boundaries?parent=" + id(DISTRICT));

        // the lines endpoint gives the same converted line
        JsonNode options = getJson("/api/v1/analysis/lines?country=KH&year=2025", "viewer");
        boolean found = false;
        for (JsonNode o : options) {
            if ("EXTREME_2021".equals(o.path("id").asString())) {
                assertThat(o.path("valuePerYear").asDouble()).isCloseTo(line, within(1e-6));
                found = true;
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void demoVillagesMatchTheRegistryReadBackThroughHouseholdService() throws Exception {
        OrgUnit commune = geo.unitByCode("KH-DEMO-L3-KOKIR").orElseThrow();
        JsonNode r = analyse("viewer", """
                {"orgUnitId": %d, "source": {"kind": "registry", "asOf": "%s"}, "line": {"kind": "national"}}"""
                .formatted(commune.id(), LocalDate.now()), 200);
        double line = 10951 * 365.0;
        assertThat(r.path("line").path("valuePerYear").asDouble()).isCloseTo(line, within(1e-6));
        assertThat(r.path("source").path("asOf").asString()).isEqualTo(LocalDate.now().toString());

        Map<Long, double[]> byVillage = new HashMap<>(); // {households, persons, poor persons, income}
        for (int page = 0; ; page++) {
            var list = households.list(Actor.system(), new HouseholdQuery(null, commune.id(), null, null, page, 500));
            for (HouseholdSummary h : list.items()) {
                if (h.annualIncome() == null || h.memberCount() == 0) continue;
                double[] v = byVillage.computeIfAbsent(h.orgUnitId(), k -> new double[4]);
                v[0]++;
                v[1] += h.memberCount();
                if (h.annualIncome() / h.memberCount() < line) v[2] += h.memberCount();
                v[3] += h.annualIncome();
            }
            if ((long) (page + 1) * 500 >= list.total()) break;
        }
        long totalHouseholds = 0;
        double weighted = 0, persons = 0;
        for (JsonNode row : r.path("rows")) {
            double[] v = byVillage.get(row.path("unitId").asLong());
            if (v == null) {
                assertThat(row.path("households").asLong()).isZero();
                continue;
            }
            assertThat(row.path("households").asLong()).as(row.path("code").asString()).isEqualTo((long) v[0]);
            assertThat(row.path("population").asDouble()).isEqualTo(v[1]);
            assertThat(row.path("estimates").path("fgt0").path("value").asDouble()).isCloseTo(v[2] / v[1], within(1e-12));
            assertThat(row.path("estimates").path("mean").path("value").asDouble()).isCloseTo(v[3] / v[1], within(1e-6));
            // the child units are villages: households are the sampling units, so a village's estimate has a real SE
            assertThat(row.path("estimates").path("fgt0").path("se").asDouble()).isPositive();
            totalHouseholds += row.path("households").asLong();
            weighted += row.path("estimates").path("fgt0").path("value").asDouble() * row.path("population").asDouble();
            persons += row.path("population").asDouble();
        }
        // child units add up to the total
        assertThat(totalHouseholds).isEqualTo(r.path("households").asLong());
        assertThat(persons).isEqualTo(r.path("population").asDouble());
        assertThat(weighted / persons).isCloseTo(r.path("total").path("estimates").path("fgt0").path("value").asDouble(), within(1e-12));
        assertThat(r.path("rows").size()).isGreaterThanOrEqualTo(3);
        assertThat(r.path("design").path("psu").asString()).isEqualTo("household");
        assertThat(r.path("design").path("strata").asString()).isEqualTo("child unit");
    }

    @Test
    void registryMpiEqualsAHandComputation() throws Exception {
        JsonNode r = analyse("viewer", """
                {"orgUnitId": %d, "mpiSpec": "registry-mpi"}""".formatted(id(DISTRICT)), 200);
        double persons = 0, poor = 0;
        for (double[][] village : VILLAGES.values()) {
            for (double[] h : village) {
                persons += h[1];
                if (h[2] == 1) poor += h[1]; // deprived in the six living-standard indicators: score 1/2 >= 1/3
            }
        }
        assertThat(r.path("kind").asString()).isEqualTo("MPI");
        assertThat(r.path("households").asLong()).isEqualTo(10);
        assertThat(r.path("total").path("estimates").path("H").path("value").asDouble()).isCloseTo(poor / persons, within(1e-12));
        assertThat(r.path("total").path("estimates").path("A").path("value").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(r.path("total").path("estimates").path("M0").path("value").asDouble()).isCloseTo(0.5 * poor / persons, within(1e-12));
        assertThat(r.path("indicators")).hasSize(9);
        for (JsonNode i : r.path("indicators")) {
            if (i.path("dimension").asString().equals("living standards")) {
                assertThat(i.path("censored").path("value").asDouble()).isCloseTo(poor / persons, within(1e-12));
            } else {
                assertThat(i.path("censored").path("value").asDouble()).isZero();
            }
        }
    }

    @Test
    void unitsOutsideTheScopeAreRefused() throws Exception {
        String body = """
                {"orgUnitId": %d, "line": {"kind": "relative"}}""";
        analyse("officer-kh", body.formatted(geo.countryUnit("CN").id()), 403);
        analyse("officer-kh", body.formatted(id(DISTRICT)), 403); // a sibling of their district
        analyse("expert", body.formatted(id(DISTRICT)), 403);
        JsonNode own = analyse("officer-kh", body.formatted(id("KH-DEMO-L3-KOKIR")), 200);
        assertThat(own.path("line").path("kind").asString()).isEqualTo("relative");
        assertThat(own.path("line").path("valuePerYear").asDouble()).isPositive();
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        long unit = id(DISTRICT);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("orgUnitId", "{\"orgUnitId\": 987654321, \"line\": {\"kind\": \"relative\"}}");
        cases.put("orgUnitId ", "{\"line\": {\"kind\": \"relative\"}}");
        cases.put("line.kind", "{\"orgUnitId\": " + unit + ", \"line\": {\"kind\": \"magic\"}}");
        cases.put("line.id", "{\"orgUnitId\": " + unit + ", \"line\": {\"kind\": \"international\", \"id\": \"USD_1_90\"}}");
        cases.put("line", "{\"orgUnitId\": " + unit + "}");
        cases.put("line.fraction", "{\"orgUnitId\": " + unit + ", \"line\": {\"kind\": \"relative\", \"fraction\": -1}}");
        cases.put("mpiSpec", "{\"orgUnitId\": " + unit + ", \"mpiSpec\": \"no-such-spec\"}");
        cases.put("mpiSpec ", "{\"orgUnitId\": " + unit + ", \"mpiSpec\": \"global-mpi\"}");
        cases.put("source.asOf", "{\"orgUnitId\": " + unit + ", \"source\": {\"asOf\": \"2020-01-01\"}, \"line\": {\"kind\": \"relative\"}}");
        cases.put("source.kind", "{\"orgUnitId\": " + unit + ", \"source\": {\"kind\": \"census\"}, \"line\": {\"kind\": \"relative\"}}");
        cases.put("welfareUnit", "{\"orgUnitId\": " + unit + ", \"welfareUnit\": \"per_household\", \"line\": {\"kind\": \"relative\"}}");
        cases.put("source.roundId", "{\"orgUnitId\": " + unit + ", \"source\": {\"kind\": \"survey\", \"roundId\": 987654}, \"line\": {\"kind\": \"relative\"}}");
        cases.put("source.roundId ", "{\"orgUnitId\": " + unit + ", \"source\": {\"kind\": \"survey\"}, \"line\": {\"kind\": \"relative\"}}");
        for (var c : cases.entrySet()) {
            JsonNode answer = analyse("viewer", c.getValue(), 400);
            assertThat(answer.path("problems").get(0).path("field").asString()).as(c.getValue()).isEqualTo(c.getKey().trim());
            assertThat(answer.path("error").asString()).as(c.getValue()).isNotBlank();
        }
        // a past day needs the registry's history, kept since the database was created; a future day is refused outright
        JsonNode yesterday = analyse("viewer", "{\"orgUnitId\": " + unit + ", \"source\": {\"asOf\": \"" + LocalDate.now().minusDays(1)
                + "\"}, \"line\": {\"kind\": \"relative\"}}", 400);
        assertThat(yesterday.path("problems").get(0).path("field").asString()).isEqualTo("source.asOf");
        assertThat(yesterday.path("error").asString()).contains("keeps earlier versions of households since");
        JsonNode tomorrow = analyse("viewer", "{\"orgUnitId\": " + unit + ", \"source\": {\"asOf\": \"" + LocalDate.now().plusDays(1)
                + "\"}, \"line\": {\"kind\": \"relative\"}}", 400);
        assertThat(tomorrow.path("error").asString()).contains("is in the future");
        JsonNode global = analyse("viewer", cases.get("mpiSpec "), 400);
        assertThat(global.path("error").asString()).contains("d_nutr", "registry-mpi");
    }

    @Test
    void anAdministratorEditsAPriceFactorAndTheConversionFollows() throws Exception {
        String factor = "{\"country\": \"BN\", \"kind\": \"CPI\", \"year\": 2030, \"value\": 125.5, \"source\": \"test: an administrator's figure\"}";
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/analysis/factors")
                .with(httpBasic("coordinator-kh", "demo")).contentType(MediaType.APPLICATION_JSON).content(factor)).andExpect(status().isForbidden());
        String bad = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/analysis/factors")
                        .with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON).content(factor.replace("125.5", "-1")))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(bad).path("problems").get(0).path("field").asString()).isEqualTo("value");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/analysis/factors")
                .with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON).content(factor)).andExpect(status().isOk());
        JsonNode factors = getJson("/api/v1/analysis/factors?country=BN", "viewer");
        double expected = 4.20 * factor(factors, "PPP2021", 2021) * 125.5 / factor(factors, "CPI", 2021) * 365;
        JsonNode options = getJson("/api/v1/analysis/lines?country=BN&year=2030", "viewer");
        double found = Double.NaN;
        for (JsonNode o : options) if ("LOWER_MIDDLE_2021".equals(o.path("id").asString())) found = o.path("valuePerYear").asDouble();
        assertThat(found).isCloseTo(expected, within(1e-6));
    }

    @Test
    void exportsCarryTheResultTable() throws Exception {
        JsonNode r = analyse("coordinator-kh", """
                {"orgUnitId": %d, "line": {"kind": "international", "id": "LOWER_MIDDLE_2021"}, "welfareUnit": "adult_equivalent"}"""
                .formatted(id(DISTRICT)), 200);
        String id = r.path("id").asString();
        String csv = mvc.perform(get("/api/v1/analysis/" + id + "/result.csv").with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> lines = csv.replace("\ufeff", "").lines().toList();
        assertThat(lines.getFirst()).startsWith("unit_id,unit_code,unit_name,unit_name_local,households,persons,fgt0,fgt0_se,fgt1");
        assertThat(lines).hasSize(4); // two communes and the total
        String c1 = lines.stream().filter(l -> l.contains("KH-ANTEST-C1")).findFirst().orElseThrow();
        JsonNode row1 = null;
        for (JsonNode row : r.path("rows")) if (row.path("code").asString().equals("KH-ANTEST-C1")) row1 = row;
        assertThat(Double.parseDouble(c1.split(",")[6])).isEqualTo(row1.path("estimates").path("fgt0").path("value").asDouble());
        assertThat(lines.getLast()).contains(",total,");

        byte[] xlsx = mvc.perform(get("/api/v1/analysis/" + id + "/result.xlsx").with(httpBasic("coordinator-kh", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet results = wb.getSheet("results");
            assertThat(results.getRow(0).getCell(6).getStringCellValue()).isEqualTo("fgt0");
            assertThat(results.getLastRowNum()).isEqualTo(3);
            double mean = 0;
            for (Row row : results) {
                if (row.getRowNum() > 0 && row.getCell(1).getStringCellValue().equals("KH-ANTEST-C1")) {
                    assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(row1.path("estimates").path("fgt0").path("value").asDouble());
                    mean = row.getCell(14).getNumericCellValue();
                }
            }
            assertThat(mean).isEqualTo(row1.path("estimates").path("mean").path("value").asDouble());
            assertThat(wb.getSheet("about").getRow(3).getCell(1).getStringCellValue()).startsWith("registry, current state on");
        }
        // another user cannot fetch it
        mvc.perform(get("/api/v1/analysis/" + id + "/result.csv").with(httpBasic("viewer", "demo"))).andExpect(status().isNotFound());
    }

    @Test
    void aLargeScopeRunsAsAJobWithProgress() throws Exception {
        long china = geo.countryUnit("CN").id();
        JsonNode accepted = analyse("coordinator-cn", """
                {"orgUnitId": %d, "line": {"kind": "national"}}""".formatted(china), 202);
        String jobId = accepted.path("jobId").asString();
        assertThat(accepted.path("result").asString()).isEqualTo("/api/v1/analysis/" + jobId);
        JsonNode job = null;
        for (int i = 0; i < 600; i++) {
            job = getJson("/api/v1/jobs/" + jobId, "coordinator-cn");
            if (job.path("state").asString().equals("SUCCEEDED") || job.path("state").asString().equals("FAILED")) break;
            Thread.sleep(200);
        }
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("kind").asString()).isEqualTo("analysis");
        assertThat(job.path("done").asLong()).isEqualTo(job.path("total").asLong()).isGreaterThan(1000);
        JsonNode r = getJson("/api/v1/analysis/" + jobId, "coordinator-cn");
        assertThat(r.path("households").asLong()).isGreaterThan(1000);
        assertThat(r.path("line").path("currency").asString()).isEqualTo("CNY");
        long sum = 0;
        for (JsonNode row : r.path("rows")) sum += row.path("households").asLong();
        assertThat(sum).isEqualTo(r.path("households").asLong());
        mvc.perform(get("/api/v1/analysis/" + jobId + "/result.csv").with(httpBasic("coordinator-cn", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/analysis/" + jobId).with(httpBasic("coordinator-kh", "demo"))).andExpect(status().isNotFound());
    }
}
