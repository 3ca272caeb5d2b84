package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdFields;
import org.prosper.registry.Person;

import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a run that make it fast must not change what it finds: the registry fields a profile's rules declare
 * are all they read, the hand-written evidence is the mapper's text, and the open alerts are matched by household,
 * rule and fingerprint.
 */
class MonitoringEngineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ALWAYS = Set.of("id", "code", "orgUnitId", "countryCode", "orgPath", "lineNo", "members");

    private static CountryProfile profile(String code) throws Exception {
        try (InputStream in = MonitoringEngineTest.class.getResourceAsStream("/monitoring/profiles/" + code + ".json")) {
            return JSON.readValue(in, CountryProfile.class);
        }
    }

    private static <T extends Record> T keepOnly(T value, Set<String> kept, Map<String, Object> replaced) throws Exception {
        RecordComponent[] components = value.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            types[i] = components[i].getType();
            Object v = components[i].getAccessor().invoke(value);
            if (replaced.containsKey(name)) args[i] = replaced.get(name);
            else if (ALWAYS.contains(name) || kept.contains(name)) args[i] = v;
            else args[i] = types[i] == int.class ? 0 : null;
        }
        @SuppressWarnings("unchecked")
        T copy = (T) value.getClass().getDeclaredConstructor(types).newInstance(args);
        return copy;
    }

    private static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static Household household(SplittableRandom r, long id, String orgPath) {
        List<Person> members = new ArrayList<>();
        int n = r.nextInt(7);
        List<Boolean> flags = java.util.Arrays.asList(true, false, null);
        for (int m = 1; m <= n; m++) {
            LocalDate birth = r.nextInt(20) == 0 ? null : LocalDate.now().minusDays(r.nextInt(90 * 365));
            members.add(new Person((long) m, m, "name", "id", pick(r, List.of("F", "M")), birth, "CHILD", "Han",
                    pick(r, java.util.Arrays.asList("NONE", "PRIMARY", "LOWER_SECONDARY", "UPPER_SECONDARY", null)), pick(r, flags),
                    pick(r, flags), pick(r, flags), pick(r, java.util.Arrays.asList("FULL", "PARTIAL", "NONE", null)),
                    pick(r, java.util.Arrays.asList("farmer", "", null)), pick(r, flags)));
        }
        Double income = r.nextInt(10) == 0 ? null : Math.round(Math.exp(6 + r.nextDouble() * 10)) * 1.0;
        return new Household(id, "H" + id, 7, "XX", orgPath, "address", 1.0, 2.0, "head", "nid", "phone",
                pick(r, java.util.Arrays.asList("BRICK_CONCRETE", "ADOBE", "THATCH", "TEMPORARY", null)),
                pick(r, java.util.Arrays.asList("A", "B", "C", "D", null)), r.nextInt(10) == 0 ? null : r.nextDouble() * 100,
                pick(r, java.util.Arrays.asList("tv,telephone,motorbike", "radio", "", "motorbike", null)),
                pick(r, java.util.Arrays.asList("PIPED", "PROTECTED_WELL", "UNPROTECTED_WELL", "SURFACE", "OTHER", null)),
                pick(r, java.util.Arrays.asList("FLUSH", "IMPROVED_PIT", "UNIMPROVED", "OPEN", null)),
                pick(r, java.util.Arrays.asList("GAS", "ELECTRICITY", "WOOD", "CHARCOAL", null)), pick(r, flags), 1.5,
                pick(r, List.of("NOT_POOR", "EX_POOR", "POOR", "NEAR_POOR", "MONITORED")), income, "XXX",
                r.nextInt(8) == 0 ? null : LocalDate.now().getYear() - 1 - r.nextInt(2), 3, java.time.Instant.now(), members);
    }

    private static List<HouseholdFacts.DeptRecord> records(SplittableRandom r) {
        List<HouseholdFacts.DeptRecord> list = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            list.add(new HouseholdFacts.DeptRecord(r.nextInt(1000), 1, r.nextInt(100), pick(r, Checks.DEPT_KINDS),
                    r.nextInt(60_000), LocalDate.now().minusDays(r.nextInt(800))));
        }
        return list;
    }

    @Test
    void everyProfileFindsTheSameWithOnlyTheFieldsItsRulesDeclare() throws Exception {
        for (String code : List.of("CN", "VN", "KH", "TH", "GENERIC")) {
            CountryProfile profile = profile(code);
            RuleEngine engine = RuleEngine.compile(code, 1, profile, "CUR", unit -> "/" + unit + "/");
            HouseholdFields fields = engine.fields();
            assertThat(fields.household()).as(code).isNotEqualTo(HouseholdFields.ALL.household());
            List<String> areas = profile.lines().stream().map(CountryProfile.Line::area).distinct().toList();
            SplittableRandom r = new SplittableRandom(code.hashCode());
            Set<String> fired = new java.util.HashSet<>();
            for (int i = 0; i < 3000; i++) {
                Household full = household(r, i, "/" + pick(r, areas) + "/v" + r.nextInt(5) + "/");
                List<Person> members = new ArrayList<>();
                for (Person p : full.members()) members.add(keepOnly(p, fields.members(), Map.of()));
                Household reduced = keepOnly(full, fields.household(), Map.of("members", members));
                List<HouseholdFacts.DeptRecord> dept = records(r);
                LocalDate date = LocalDate.now();
                List<RuleEngine.Hit> expected = engine.evaluate(new HouseholdFacts(full, date, dept));
                List<RuleEngine.Hit> actual = engine.evaluate(new HouseholdFacts(reduced, date, dept));
                assertThat(actual).as(code + " household " + i).hasSameSizeAs(expected);
                for (int h = 0; h < expected.size(); h++) {
                    assertThat(actual.get(h).ruleId()).isEqualTo(expected.get(h).ruleId());
                    assertThat(actual.get(h).fingerprint()).isEqualTo(expected.get(h).fingerprint());
                    Finding a = engine.finding(actual.get(h), new HouseholdFacts(reduced, date, dept));
                    Finding e = engine.finding(expected.get(h), new HouseholdFacts(full, date, dept));
                    assertThat(a).as(code + " household " + i + " " + e.ruleId()).isEqualTo(e);
                    fired.add(e.ruleId());
                }
            }
            // the data above is varied enough to make most rules fire, so the comparison means something
            assertThat(fired.size()).as(code + " rules that fired: " + fired).isGreaterThanOrEqualTo(Math.min(engine.ruleCount(), 3));
        }
    }

    /**
     * A reason in the country's own language names the household's class and deprivations in that language too (the
     * profile's local names and labels), and leaves the English and Chinese reasons as they were.
     */
    @Test
    void reasonsInTheCountrysLanguageNameClassesAndDeprivationsInIt() throws Exception {
        Map<String, String> languages = Map.of("KH", "km", "VN", "vi", "TH", "th", "GENERIC", "lo");
        for (var country : languages.entrySet()) {
            String code = country.getKey(), language = country.getValue();
            CountryProfile profile = profile(code);
            RuleEngine local = RuleEngine.compile(code, 1, profile, "CUR", unit -> "/" + unit + "/", language, word -> "<" + word + ">");
            RuleEngine plain = RuleEngine.compile(code, 1, profile, "CUR", unit -> "/" + unit + "/");
            List<String> areas = profile.lines().stream().map(CountryProfile.Line::area).distinct().toList();
            Set<String> localClassNames = new java.util.HashSet<>();
            Set<String> englishClassNames = new java.util.HashSet<>();
            if (profile.classification() != null) {
                for (CountryProfile.ClassDef c : profile.classification().classes()) {
                    localClassNames.add(c.name().get(language));
                    englishClassNames.add(c.name().get("en"));
                }
            }
            SplittableRandom r = new SplittableRandom(11);
            int classified = 0;
            for (int i = 0; i < 3000; i++) {
                HouseholdFacts facts = new HouseholdFacts(household(r, i, "/" + pick(r, areas) + "/v/"), LocalDate.now(), records(r));
                for (RuleEngine.Hit hit : local.evaluate(facts)) {
                    Finding f = local.finding(hit, facts);
                    Finding english = plain.finding(hit, facts);
                    assertThat(f.reason()).isEqualTo(english.reason());
                    assertThat(f.reasonZh()).isEqualTo(english.reasonZh());
                    assertThat(english.reasonLocal()).isNull();
                    assertThat(f.reasonLocal()).as(code + " " + f.ruleId()).isNotBlank().doesNotContain("{");
                    if ("CLASSIFICATION".equals(profile.rules().stream().filter(d -> d.id().equals(f.ruleId())).findFirst().orElseThrow().kind())) {
                        classified++;
                        assertThat(localClassNames).as(code).allMatch(n -> n != null && !n.isBlank());
                        assertThat(localClassNames).as(code + ": " + f.reasonLocal()).anyMatch(n -> f.reasonLocal().contains(n));
                        assertThat(englishClassNames).as(code + ": " + f.reasonLocal()).noneMatch(n -> f.reasonLocal().contains(n));
                    }
                }
            }
            if (profile.classification() != null) assertThat(classified).as(code + " classified households").isPositive();
        }
    }

    @Test
    void handWrittenEvidenceIsTheMappersText() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("quote\"back\\slash", "tab\there\nnew line\r\b\f\u0001\u001f end");
        nested.put("chinese", "近12个月医疗自付费用36,639CNY，超过");
        nested.put("emoji", "\uD83D\uDE00 and / slash \u2028");
        nested.put("numbers", List.of(0.0, -0.0, 1.0, 36639.0, 1.0E7, 12345678.9, 1.0E-5, 0.1 + 0.2, Double.MAX_VALUE, Double.MIN_VALUE, 3, -7L, Long.MAX_VALUE));
        nested.put("flags", java.util.Arrays.asList(true, false, null));
        nested.put("empty", Map.of());
        nested.put("none", List.of());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", "R");
        evidence.put("params", Map.of("amount", 20000, "share", 0.4, "byStatus", Map.of("EX_POOR", 5000)));
        evidence.put("values", nested);
        evidence.put("null", null);
        assertThat(EvidenceJson.write(evidence, JSON)).isEqualTo(JSON.writeValueAsString(evidence));
        // what it leaves to the mapper still comes out as the mapper writes it
        Map<String, Object> odd = new HashMap<>();
        odd.put("nan", Double.NaN);
        odd.put("big", new java.math.BigDecimal("1.50"));
        odd.put("date", LocalDate.of(2026, 1, 2));
        assertThat(EvidenceJson.write(odd, JSON)).isEqualTo(JSON.writeValueAsString(odd));
        assertThat(EvidenceJson.write(Map.of(1, "not a text key"), JSON)).isEqualTo(JSON.writeValueAsString(Map.of(1, "not a text key")));

        // and for real findings of every profile
        for (String code : List.of("CN", "VN", "KH", "TH", "GENERIC")) {
            CountryProfile profile = profile(code);
            RuleEngine engine = RuleEngine.compile(code, 1, profile, "CUR", unit -> "/" + unit + "/");
            List<String> areas = profile.lines().stream().map(CountryProfile.Line::area).distinct().toList();
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < 500; i++) {
                HouseholdFacts facts = new HouseholdFacts(household(r, i, "/" + pick(r, areas) + "/v/"), LocalDate.now(), records(r));
                for (RuleEngine.Hit hit : engine.evaluate(facts)) {
                    Finding f = engine.finding(hit, facts);
                    assertThat(EvidenceJson.write(f.evidence(), JSON)).isEqualTo(JSON.writeValueAsString(f.evidence()));
                }
            }
        }
    }

    @Test
    void ruleParametersKeepTheProfileFilesOrderSoEvidenceReadsTheSameAfterARestart() throws Exception {
        int compared = 0;
        for (String code : List.of("CN", "VN", "KH", "TH", "GENERIC")) {
            tools.jackson.databind.JsonNode file;
            try (InputStream in = MonitoringEngineTest.class.getResourceAsStream("/monitoring/profiles/" + code + ".json")) {
                file = JSON.readTree(in);
            }
            CountryProfile profile = profile(code);
            for (int i = 0; i < profile.rules().size(); i++) {
                tools.jackson.databind.JsonNode params = file.get("rules").get(i).get("params");
                if (params == null) continue;
                List<String> keys = new ArrayList<>(params.propertyNames());
                assertThat(new ArrayList<>(profile.rules().get(i).params().keySet())).as(code + " rule " + i).isEqualTo(keys);
                // the text an alert's evidence shows for them is the file's, member for member
                assertThat(EvidenceJson.write(profile.rules().get(i).params(), JSON)).isEqualTo(JSON.writeValueAsString(params));
                if (keys.size() > 1) compared++;
            }
            if (profile.classification() != null) {
                for (int i = 0; i < profile.classification().indicators().size(); i++) {
                    tools.jackson.databind.JsonNode params = file.get("classification").get("indicators").get(i).get("params");
                    if (params == null) continue;
                    assertThat(new ArrayList<>(profile.classification().indicators().get(i).params().keySet()))
                            .as(code + " indicator " + i).isEqualTo(new ArrayList<>(params.propertyNames()));
                }
            }
        }
        // enough rules with several parameters that a random order would show
        assertThat(compared).isGreaterThanOrEqualTo(5);

        // two loads of a profile give the same evidence text for the same finding
        CountryProfile once = profile("CN");
        CountryProfile again = profile("CN");
        RuleEngine a = RuleEngine.compile("CN", 1, once, "CNY", unit -> "/" + unit + "/");
        RuleEngine b = RuleEngine.compile("CN", 1, again, "CNY", unit -> "/" + unit + "/");
        List<String> areas = once.lines().stream().map(CountryProfile.Line::area).distinct().toList();
        SplittableRandom r = new SplittableRandom(11);
        int findings = 0;
        for (int i = 0; i < 300; i++) {
            HouseholdFacts facts = new HouseholdFacts(household(r, i, "/" + pick(r, areas) + "/v/"), LocalDate.now(), records(r));
            for (RuleEngine.Hit hit : a.evaluate(facts)) {
                assertThat(EvidenceJson.write(b.finding(hit, facts).evidence(), JSON)).isEqualTo(EvidenceJson.write(a.finding(hit, facts).evidence(), JSON));
                findings++;
            }
        }
        assertThat(findings).isGreaterThan(0);
    }

    @Test
    void aRuleParameterWithoutAValueIsRefusedByName() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("amount", 1);
        params.put("share", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CountryProfile.RuleDef("R", "K", params, "INCOME", "HIGH", Map.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("parameter share has no value");
        assertThat(new CountryProfile.RuleDef("R", "K", null, "INCOME", "HIGH", null, null).params()).isEmpty();
    }

    @Test
    void openAlertsAreFoundByHouseholdRuleAndFingerprintAndTheRestAreGone() {
        OpenAlerts open = new OpenAlerts(List.of("A", "B"));
        open.add(10, 1, "A", "00000000000000ff");
        open.add(11, 1, "B", "00000000000000ff");
        open.add(12, 2, "A", "ffffffffffffffff");
        open.add(13, 3, "OLD_RULE", "0000000000000001"); // a rule the profile no longer has
        open.add(14, 4, "A", "not hex");
        open.add(15, 5, "A", "0000000000000002");
        open.add(16, 5, "A", "0000000000000002"); // the same alert twice (two runs): both found, neither resolved
        open.index();
        assertThat(open.size()).isEqualTo(7);
        assertThat(open.markFound(1, 0, 0xff)).isTrue();
        assertThat(open.markFound(1, 1, 0xfe)).isFalse(); // another fingerprint: a new alert
        assertThat(open.markFound(2, 0, -1L)).isTrue(); // the highest fingerprint, unsigned
        assertThat(open.markFound(3, 0, 1)).isFalse(); // its rule is gone from the profile
        assertThat(open.markFound(5, 0, 2)).isTrue();
        assertThat(open.markFound(99, 0, 0xff)).isFalse(); // a household without open alerts
        assertThat(open.notFound()).containsExactly(11L, 13L, 14L);
        assertThat(new OpenAlerts(List.of("A")).index().markFound(1, 0, 1)).isFalse();
    }

    @Test
    void alertsAreWrittenAsCopyTextInChunksOfAboutAMegabyte() throws Exception {
        List<AlertRepository.NewAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            alerts.add(new AlertRepository.NewAlert(i, "H" + i, "CN", "/1/", "R", "INCOME", "HIGH", "reason\t" + i + "\\", "原因\n" + i,
                    i == 3 ? null : "ហេតុ" + i, "{\"a\":" + i + "}", "00000000000000ff", 1));
        }
        var text = new java.io.ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        AlertRepository.copyText(alerts, 7, c -> {
            sizes.add(c.length);
            text.writeBytes(c);
        });
        assertThat(sizes.size()).isGreaterThan(4); // several chunks
        assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(n -> n > (1 << 20) - 8192 && n <= 1 << 20);
        String[] lines = text.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(60_000);
        assertThat(lines[3]).isEqualTo("3\tH3\tCN\t/1/\tR\tINCOME\tHIGH\treason\\t3\\\\\t原因\\n3\t\\N\t{\"a\":3}\t00000000000000ff\t1\t7");
        assertThat(lines[4]).isEqualTo("4\tH4\tCN\t/1/\tR\tINCOME\tHIGH\treason\\t4\\\\\t原因\\n4\tហេតុ4\t{\"a\":4}\t00000000000000ff\t1\t7");
    }

    /** Households of two ranges of ids, as HouseholdRanges reads them: the first on a thread of its own, the last on the reading thread. */
    private static Evaluation.Source twoRanges(List<Household> first, List<Household> last, Runnable beforeLast) {
        return parts -> {
            var failed = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
            java.util.function.Consumer<Household> one = parts.apply(0), two = parts.apply(1);
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    first.forEach(one);
                } catch (RuntimeException e) {
                    failed.set(e);
                }
            });
            try {
                beforeLast.run();
                last.forEach(two);
            } finally {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (failed.get() != null) throw failed.get();
        };
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void newAlertsOfTheFirstRangeAreWrittenWhileTheRestIsEvaluatedInIdOrderAndAFailureOnEitherSideStopsBoth() throws Exception {
        RuleEngine engine = RuleEngine.compile("CN", 1, profile("CN"), "CNY", unit -> "/1/");
        SplittableRandom r = new SplittableRandom(17);
        List<Household> first = new ArrayList<>(), last = new ArrayList<>();
        for (int i = 1; i <= 6000; i++) (i <= 3000 ? first : last).add(household(r, i, "/1/45/"));
        LocalDate date = LocalDate.of(2026, 6, 1);
        List<Household> all = new ArrayList<>(first);
        all.addAll(last);

        // evaluated first and written after, on this thread (as when a transaction is open here)
        List<AlertRepository.NewAlert> inline = new ArrayList<>();
        Evaluation.Outcome once = Evaluation.run(engine, 1, date, new OpenAlerts(engine.ruleIds()).index(), Map.of(),
                parts -> all.forEach(parts.apply(0)), JSON, done -> { }, inline::addAll, false);
        assertThat(once.created()).isEqualTo(inline.size()).isGreaterThan(2 * 512);

        // streamed: the last range waits until alerts of the first have been written (it would wait for ever otherwise)
        var written = new java.util.concurrent.CountDownLatch(1);
        List<AlertRepository.NewAlert> streamed = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        Evaluation.Outcome twice = Evaluation.run(engine, 1, date, new OpenAlerts(engine.ruleIds()).index(), Map.of(),
                twoRanges(first, last, () -> {
                    try {
                        assertThat(written.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }), JSON, done -> { }, batch -> {
                    streamed.addAll(batch);
                    writers.add(Thread.currentThread());
                    written.countDown();
                }, true);
        assertThat(twice).isEqualTo(once);
        assertThat(streamed).isEqualTo(inline); // the same alerts in household id order
        assertThat(writers).containsOnly(Thread.currentThread());

        // the evaluation fails: the run fails with its error, the writing stops
        RuntimeException broken = new IllegalStateException("household 4500 cannot be read");
        List<Household> failing = new java.util.AbstractList<>() {
            @Override
            public Household get(int i) {
                if (i == 1500) throw broken;
                return last.get(i);
            }

            @Override
            public int size() {
                return last.size();
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Evaluation.run(engine, 1, date, new OpenAlerts(engine.ruleIds()).index(),
                Map.of(), twoRanges(first, failing, () -> { }), JSON, done -> { }, batch -> { }, true)).isSameAs(broken);

        // the writing fails: the run fails with its error, and the evaluation stops at its next household
        java.util.concurrent.atomic.AtomicInteger evaluated = new java.util.concurrent.atomic.AtomicInteger();
        var failedToWrite = new java.util.concurrent.CountDownLatch(1);
        List<Household> counted = new java.util.AbstractList<>() {
            @Override
            public Household get(int i) {
                if (i == 2500) { // the first batch is written by now: wait for its failure
                    try {
                        assertThat(failedToWrite.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                evaluated.incrementAndGet();
                return first.get(i);
            }

            @Override
            public int size() {
                return first.size();
            }
        };
        var slow = new java.util.concurrent.CountDownLatch(1);
        RuntimeException full = new IllegalStateException("disk full");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Evaluation.run(engine, 1, date, new OpenAlerts(engine.ruleIds()).index(),
                Map.of(), twoRanges(counted, List.of(), () -> { }), JSON, done -> { }, batch -> {
                    failedToWrite.countDown();
                    throw full;
                }, true)).isSameAs(full);
        assertThat(evaluated.get()).isLessThanOrEqualTo(2501); // of 3000
    }

    /** The evidence and reasons a run stores, as it writes them straight from a hit, against the finding's own. */
    private static void assertStoredAsFound(RuleEngine engine, RuleEngine.Hit hit, Household h, LocalDate date) {
        Finding f = engine.finding(hit, h, h.members().size(), date);
        String evidence = EvidenceJson.write(f.evidence(), JSON);
        if (evidence.length() > 4000) {
            Map<String, Object> shorter = new LinkedHashMap<>(f.evidence());
            shorter.put("values", "(too long to keep; see the reason)");
            evidence = JSON.writeValueAsString(shorter);
        }
        RuleEngine.Stored stored = engine.stored(hit, h.withMembers(List.of()), h.members().size(), date, JSON);
        assertThat(stored).isEqualTo(new RuleEngine.Stored(f.ruleId(), f.riskType(), f.severity(), f.reason(), f.reasonZh(), f.reasonLocal(),
                evidence, f.fingerprint()));
    }

    @Test
    void aStoredAlertHasTheFindingsReasonsAndEvidenceTextEvenWhereTheMapperOrTheLengthLimitWritesIt() throws Exception {
        int compared = 0;
        for (String code : List.of("CN", "VN", "KH", "TH", "GENERIC")) {
            CountryProfile profile = profile(code);
            RuleEngine engine = RuleEngine.compile(code, 3, profile, "CUR", unit -> "/" + unit + "/");
            List<String> areas = profile.lines().stream().map(CountryProfile.Line::area).distinct().toList();
            SplittableRandom r = new SplittableRandom(13);
            for (int i = 0; i < 500; i++) {
                HouseholdFacts facts = new HouseholdFacts(household(r, i, "/" + pick(r, areas) + "/v/"), LocalDate.now(), records(r));
                for (RuleEngine.Hit hit : engine.evaluate(facts)) {
                    assertStoredAsFound(engine, hit, facts.household, facts.date);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(500);

        RuleEngine engine = RuleEngine.compile("CN", 1, profile("CN"), "CNY", unit -> "/" + unit + "/");
        Household h = household(new SplittableRandom(5), 42, "/1/");
        LocalDate date = LocalDate.of(2026, 3, 4);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "\u201cquoted\u201d \"and\" \\ escaped\n\t");
        values.put("name", new Localized("rural", "农村"));
        values.put("none", null);
        assertStoredAsFound(engine, new RuleEngine.Hit(0, "INC_BELOW_LINE", values, 1), h, date);
        // values too long to keep: the evidence leaves them out, as the finding's text would
        values.put("long", "x".repeat(5000));
        assertStoredAsFound(engine, new RuleEngine.Hit(0, "INC_BELOW_LINE", values, 2), h, date);
        assertThat(engine.stored(new RuleEngine.Hit(0, "INC_BELOW_LINE", values, 2), h, 1, date, JSON).evidence())
                .contains("\"values\":\"(too long to keep; see the reason)\"").doesNotContain("xxxx");
        // a value the hand-written JSON leaves to the mapper, in the values or the household
        assertStoredAsFound(engine, new RuleEngine.Hit(1, "INC_SHARP_DROP", Map.of("when", date, "share", new java.math.BigDecimal("0.50")), 3), h, date);
        Household odd = new Household(h.id(), h.code(), h.orgUnitId(), h.countryCode(), h.orgPath(), h.address(), h.latitude(), h.longitude(),
                h.headName(), h.headNationalId(), h.phone(), h.housingStructure(), h.housingCondition(), h.floorArea(), h.assets(),
                h.waterSource(), h.sanitation(), h.cookingFuel(), h.electricity(), h.landArea(), null, Double.NaN, h.incomeCurrency(),
                null, h.version(), h.updatedAt(), h.members());
        assertStoredAsFound(engine, new RuleEngine.Hit(0, "INC_BELOW_LINE", Map.of("income", 1.5), 4), odd, date);
    }

    @Test
    void aStoredFingerprintIsSixteenHexDigits() {
        assertThat(RuleEngine.hex(0xffL)).isEqualTo(String.format("%016x", 0xffL));
        assertThat(RuleEngine.hex(-2L)).isEqualTo(String.format("%016x", -2L));
    }
}
