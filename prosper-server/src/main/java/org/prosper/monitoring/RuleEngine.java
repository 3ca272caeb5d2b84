package org.prosper.monitoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prosper.platform.Clip;

/**
 * A profile's rules and classification compiled for evaluation: each household is tested against every rule, and
 * each rule that fires gives a {@link Finding} whose reason is the rule's explanation filled with the household's own
 * numbers. Compiling checks the whole profile and reports every problem with its field path.
 */
final class RuleEngine {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    /**
     * @param evidenceHead the start of every finding's evidence text, the same for all (rule, profile, parameters), up to
     *                     its values; null where that text is the mapper's
     */
    /** {@code local}: the explanation in the country's own language when the profile gives one (and it is not en or zh), else null. */
    private record Rule(CountryProfile.RuleDef def, Check check, Set<String> exceptStatuses, String[] en, String[] zh, String[] local,
                        String evidenceHead) {
    }

    private record IndicatorCheck(CountryProfile.Indicator def, Check check) {
    }

    private final String profileCode;
    private final int profileVersion;
    private final String currency;
    private final LineTable lines;
    private final List<Rule> rules = new ArrayList<>();
    private final CountryProfile.Classification classification;
    private final List<IndicatorCheck> indicators = new ArrayList<>();
    /** The evaluated country's language for local reasons (not en or zh), or null; and its words for fixed values. */
    private final String local;
    private final Function<String, String> localWords;

    private RuleEngine(String profileCode, int profileVersion, CountryProfile profile, String currency, LineTable lines, String local,
                       Function<String, String> localWords) {
        this.profileCode = profileCode;
        this.profileVersion = profileVersion;
        this.currency = currency;
        this.lines = lines;
        this.classification = profile.classification();
        this.local = local;
        this.localWords = localWords;
    }

    /**
     * @param currency  the profile's currency, or the country's when the profile (GENERIC) has none
     * @param unitPath  the materialized path of an org unit code, or null
     */
    static RuleEngine compile(String profileCode, int profileVersion, CountryProfile profile, String currency,
                              Function<String, String> unitPath) {
        return compile(profileCode, profileVersion, profile, currency, unitPath, null, null);
    }

    /**
     * @param localLanguage the language of the country the engine evaluates (its alerts also carry the reason in it when
     *                      a rule's explanation has it), or null
     * @param localWords    fixed values in that language ("none", "RURAL", "URBAN", "NATIONAL"), or null for English
     */
    static RuleEngine compile(String profileCode, int profileVersion, CountryProfile profile, String currency,
                              Function<String, String> unitPath, String localLanguage, Function<String, String> localWords) {
        String local = localLanguage == null || "en".equals(localLanguage) || "zh".equals(localLanguage) ? null : localLanguage;
        List<ProfileProblem.Field> problems = new ArrayList<>();
        LineTable lines = new LineTable(profile, unitPath, problems);
        RuleEngine engine = new RuleEngine(profileCode, profileVersion, profile, currency, lines, local, localWords);
        CountryProfile.Classification c = profile.classification();
        if (c != null) {
            if (c.kind() == null || !List.of("INCOME_AND_DEPRIVATIONS", "SCORE_LEVELS", "ANY_DIMENSION").contains(c.kind())) {
                problems.add(new ProfileProblem.Field("classification.kind", "INCOME_AND_DEPRIVATIONS, SCORE_LEVELS or ANY_DIMENSION, got " + c.kind()));
            }
            if ("INCOME_AND_DEPRIVATIONS".equals(c.kind()) && (c.line() == null || c.line().isBlank())) {
                problems.add(new ProfileProblem.Field("classification.line", "required: the kind of line (POVERTY, ...)"));
            }
            if (c.classes().isEmpty()) problems.add(new ProfileProblem.Field("classification.classes", "at least one class"));
            for (int i = 0; i < c.classes().size(); i++) {
                if (c.classes().get(i).label() == null || c.classes().get(i).min() == null) {
                    problems.add(new ProfileProblem.Field("classification.classes[" + i + "]", "needs a label and a min"));
                }
            }
            for (int i = 0; i < c.indicators().size(); i++) {
                CountryProfile.Indicator ind = c.indicators().get(i);
                String at = "classification.indicators[" + i + "]";
                if (ind.id() == null || ind.id().isBlank()) problems.add(new ProfileProblem.Field(at + ".id", "required"));
                if ("SCORE_LEVELS".equals(c.kind()) && ind.points() == null) problems.add(new ProfileProblem.Field(at + ".points", "required for SCORE_LEVELS"));
                engine.indicators.add(new IndicatorCheck(ind, Checks.compile(ind.kind(), ind.params(), at, problems, lines, currency)));
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < profile.rules().size(); i++) {
            CountryProfile.RuleDef r = profile.rules().get(i);
            String at = "rules[" + i + "]";
            if (r.id() == null || !r.id().matches("[A-Z0-9_]{2,60}")) {
                problems.add(new ProfileProblem.Field(at + ".id", "2 to 60 capital letters, digits or _, got " + r.id()));
            } else if (!ids.add(r.id())) {
                problems.add(new ProfileProblem.Field(at + ".id", r.id() + " appears twice"));
            }
            if (r.riskType() == null || Arrays.stream(RiskType.values()).noneMatch(t -> t.name().equals(r.riskType()))) {
                problems.add(new ProfileProblem.Field(at + ".riskType", "one of " + Arrays.toString(RiskType.values()) + ", got " + r.riskType()));
            }
            if (r.severity() == null || Arrays.stream(Severity.values()).noneMatch(t -> t.name().equals(r.severity()))) {
                problems.add(new ProfileProblem.Field(at + ".severity", "one of " + Arrays.toString(Severity.values()) + ", got " + r.severity()));
            }
            for (String lang : List.of("en", "zh")) {
                String text = r.explanation().get(lang);
                if (text == null || text.isBlank()) problems.add(new ProfileProblem.Field(at + ".explanation." + lang, "required"));
            }
            Check check;
            if ("CLASSIFICATION".equals(r.kind())) {
                if (c == null) problems.add(new ProfileProblem.Field(at + ".kind", "CLASSIFICATION needs the profile's classification"));
                check = engine::classify;
            } else {
                check = Checks.compile(r.kind(), r.params(), at, problems, lines, currency);
            }
            Object except = r.params().get("exceptStatuses");
            Set<String> exceptStatuses = except instanceof List<?> l ? Set.copyOf(l.stream().map(String::valueOf).toList()) : Set.of();
            String localText = local == null ? null : r.explanation().get(local);
            engine.rules.add(new Rule(r, check, exceptStatuses, split(r.explanation().get("en")), split(r.explanation().get("zh")),
                    localText == null || localText.isBlank() ? null : split(localText), evidenceHead(r, profileCode, profileVersion)));
        }
        if (!problems.isEmpty()) throw new ProfileProblem(problems);
        return engine;
    }

    /** The evidence text of a rule's findings up to their values: the entries {@link #finding} puts first, then "values". */
    private static String evidenceHead(CountryProfile.RuleDef r, String profileCode, int profileVersion) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("rule", r.id());
        head.put("kind", r.kind());
        head.put("profile", profileCode);
        head.put("profileVersion", profileVersion);
        head.put("ruleSource", r.source());
        head.put("params", r.params());
        StringBuilder s = new StringBuilder(256);
        if (!EvidenceJson.append(s, head)) return null;
        s.setLength(s.length() - 1); // the closing brace: values and data follow
        return s.append(",\"values\":").toString();
    }

    /**
     * Explanations (in any language) naming a value the English one does not: the alert would show "{name}" to every
     * reader of that language. Checked when a profile is stored, not when a stored version is compiled, so that a version
     * stored before this check still runs.
     */
    static List<ProfileProblem.Field> unknownPlaceholders(CountryProfile profile) {
        List<ProfileProblem.Field> problems = new ArrayList<>();
        for (int i = 0; i < profile.rules().size(); i++) {
            CountryProfile.RuleDef r = profile.rules().get(i);
            Set<String> english = placeholders(r.explanation().get("en"));
            for (var e : r.explanation().entrySet()) {
                Set<String> unknown = new java.util.TreeSet<>(placeholders(e.getValue()));
                unknown.removeAll(english);
                if (!e.getKey().equals("en") && !unknown.isEmpty()) {
                    problems.add(new ProfileProblem.Field("rules[" + i + "].explanation." + e.getKey(), "{" + String.join("}, {", unknown)
                            + "} not in the English explanation, whose values are " + english));
                }
            }
        }
        return problems;
    }

    /** Whether this rule's alerts carry a reason in the country's own language. */
    boolean hasLocalReason(int rule) {
        return rules.get(rule).local() != null;
    }

    /** A hit's reason in the country's own language (see {@link #hasLocalReason}). */
    String localReason(Hit hit) {
        return fill(rules.get(hit.rule()).local(), hit.values(), local);
    }

    /** The value names a template's placeholders ask for. */
    private static Set<String> placeholders(String template) {
        Set<String> names = new java.util.TreeSet<>();
        if (template == null) return names;
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** A template cut at its placeholders: even entries are text, odd entries are value names. */
    private static String[] split(String template) {
        if (template == null) return new String[] {""};
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            parts.add(template.substring(at, m.start()));
            parts.add(m.group(1));
            at = m.end();
        }
        parts.add(template.substring(at));
        return parts.toArray(String[]::new);
    }

    /** The line of a kind in force for a village in a year, as the rules see it. */
    LineTable.Resolved line(String kind, String orgPath, int year) {
        return lines.resolve(kind, orgPath, year);
    }

    int ruleCount() {
        return rules.size();
    }

    List<String> ruleIds() {
        return rules.stream().map(r -> r.def().id()).toList();
    }

    /** A rule that fired: its values and their fingerprint, before the reason is written out. */
    record Hit(int rule, String ruleId, Map<String, Object> values, long fingerprint) {
    }

    /** The registry fields this profile's rules read (and the evidence shows); the others need not be read. */
    org.prosper.registry.HouseholdFields fields() {
        Set<String> household = new java.util.HashSet<>(List.of("registrationStatus", "annualIncome", "incomeYear"));
        Set<String> members = new java.util.HashSet<>(List.of("birthDate")); // ages: HouseholdFacts
        for (Rule r : rules) {
            if (!"CLASSIFICATION".equals(r.def().kind())) Checks.fields(r.def().kind(), household, members);
        }
        for (IndicatorCheck i : indicators) Checks.fields(i.def().kind(), household, members);
        return new org.prosper.registry.HouseholdFields(household, members);
    }

    /** Every rule that fires on this household, in the profile's order. */
    List<Hit> evaluate(HouseholdFacts facts) {
        List<Hit> found = null;
        String status = facts.household.registrationStatus();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (!rule.exceptStatuses().isEmpty() && rule.exceptStatuses().contains(status)) continue;
            Map<String, Object> values = rule.check().test(facts);
            if (values == null) continue;
            if (found == null) found = new ArrayList<>(2);
            StringBuilder key = new StringBuilder(rule.def().id());
            for (var e : values.entrySet()) {
                if (!e.getKey().endsWith("Source")) key.append('|').append(e.getKey()).append('=').append(format(e.getValue(), "en"));
            }
            found.add(new Hit(i, rule.def().id(), values, fingerprint(key)));
        }
        return found == null ? List.of() : found;
    }

    /** The finding of a hit: the reason in English and Chinese and the evidence that traces it to rule and data. */
    Finding finding(Hit hit, HouseholdFacts facts) {
        return finding(hit, facts.household, facts.household.members().size(), facts.date);
    }

    /** The finding of a hit on a household with this many members, evaluated on this date. */
    Finding finding(Hit hit, org.prosper.registry.Household h, int members, java.time.LocalDate date) {
        Rule rule = rules.get(hit.rule());
        Map<String, Object> values = hit.values();
        Map<String, Object> plain = new LinkedHashMap<>();
        for (var e : values.entrySet()) plain.put(e.getKey(), e.getValue() instanceof Localized l ? l.en() : e.getValue());
        Map<String, Object> evidence = evidence(rule.def(), profileCode, profileVersion, plain,
                data(h.id(), h.code(), h.annualIncome(), h.incomeYear(), members, h.registrationStatus(), date));
        return new Finding(rule.def().id(), rule.def().riskType(), rule.def().severity(), fill(rule.en(), values, "en"),
                fill(rule.zh(), values, "zh"), hasLocalReason(hit.rule()) ? localReason(hit) : null, evidence, hex(hit.fingerprint()));
    }

    /** A finding's evidence: the rule, its values, the household's data. */
    private static Map<String, Object> evidence(CountryProfile.RuleDef rule, String profileCode, int profileVersion, Object values,
                                                Map<String, Object> data) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", rule.id());
        evidence.put("kind", rule.kind());
        evidence.put("profile", profileCode);
        evidence.put("profileVersion", profileVersion);
        evidence.put("ruleSource", rule.source());
        evidence.put("params", rule.params());
        evidence.put("values", values);
        evidence.put("data", data);
        return evidence;
    }

    private static Map<String, Object> data(Long id, String code, Double income, Integer incomeYear, int members, String status,
                                            java.time.LocalDate date) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("householdId", id);
        data.put("householdCode", code);
        data.put("annualIncome", income);
        data.put("incomeYear", incomeYear);
        data.put("members", members);
        data.put("registrationStatus", status);
        data.put("evaluatedOn", date.toString());
        return data;
    }

    /** The lengths of monitoring_alert.reason (and reason_zh) and evidence. */
    static final int REASON_LENGTH = 1000;
    static final int EVIDENCE_LENGTH = 4000;
    private static final String VALUES_LEFT_OUT = "(too long to keep; see the reason)";

    /**
     * The texts of a profile's rules that no alert could store, each with its field path and limit: a rule's source and
     * parameters are in every alert's evidence, which must fit however long the values (left out when too long) and the
     * household's data (at their longest here); an explanation longer than a reason would always be cut. Run on every
     * profile stored, since a rule whose alerts cannot be written fails every run of its country.
     */
    static List<ProfileProblem.Field> textsTooLong(CountryProfile profile, String profileCode, tools.jackson.databind.json.JsonMapper json) {
        List<ProfileProblem.Field> problems = new ArrayList<>();
        Map<String, Object> longestData = data(Long.MIN_VALUE, "W".repeat(60), -Double.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE,
                "W".repeat(30), java.time.LocalDate.of(9999, 12, 31));
        for (int i = 0; i < profile.rules().size(); i++) {
            CountryProfile.RuleDef r = profile.rules().get(i);
            String at = "rules[" + i + "]";
            for (String lang : r.explanation().keySet()) {
                String text = r.explanation().get(lang);
                if (text != null && text.length() > REASON_LENGTH) {
                    problems.add(new ProfileProblem.Field(at + ".explanation." + lang, String.format(java.util.Locale.ROOT,
                            "%,d characters, more than the %,d an alert's reason holds", text.length(), REASON_LENGTH)));
                }
            }
            int over = EvidenceJson.write(evidence(r, profileCode, Integer.MAX_VALUE, VALUES_LEFT_OUT, longestData), json).length() - EVIDENCE_LENGTH;
            if (over <= 0) continue;
            int source = r.source() == null ? 0 : r.source().length();
            int params = EvidenceJson.write(r.params(), json).length();
            boolean blameSource = source >= params;
            int length = blameSource ? source : params;
            problems.add(new ProfileProblem.Field(at + (blameSource ? ".source" : ".params"), String.format(java.util.Locale.ROOT,
                    "%,d characters%s; this rule leaves room for %,d: every alert's evidence (at most %,d characters) holds the rule's "
                            + "source and params with the household's data", length, blameSource ? "" : " as JSON", Math.max(0, length - over),
                    EVIDENCE_LENGTH)));
        }
        return problems;
    }

    /** A hit as a new alert stores it: the finding's reasons, and its evidence as JSON text. */
    record Stored(String ruleId, String riskType, String severity, String reason, String reasonZh, String reasonLocal, String evidence,
                  String fingerprint) {
    }

    /**
     * The finding of a hit as a new alert stores it, its evidence the text EvidenceJson writes for the finding's (with the
     * values left out when that is longer than 4,000 characters). A first national run stores hundreds of thousands of
     * these: the evidence is written straight from the hit, after the rule's unchanging start, without building the
     * finding's maps; only where a value is left to the mapper, or the text is too long, is it written from the finding.
     */
    Stored stored(Hit hit, org.prosper.registry.Household h, int members, java.time.LocalDate date, tools.jackson.databind.json.JsonMapper json) {
        Rule rule = rules.get(hit.rule());
        String evidence = evidenceText(rule, hit.values(), h, members, date);
        if (evidence == null) evidence = evidenceText(finding(hit, h, members, date).evidence(), json);
        return new Stored(rule.def().id(), rule.def().riskType(), rule.def().severity(), fill(rule.en(), hit.values(), "en"),
                fill(rule.zh(), hit.values(), "zh"), hasLocalReason(hit.rule()) ? localReason(hit) : null, evidence,
                hex(hit.fingerprint()));
    }

    /** The evidence text of {@link #finding} written straight from the hit, entry for entry; null where it cannot be, or is too long. */
    private static String evidenceText(Rule rule, Map<String, Object> values, org.prosper.registry.Household h, int members,
                                       java.time.LocalDate date) {
        if (rule.evidenceHead() == null) return null;
        StringBuilder s = new StringBuilder(rule.evidenceHead().length() + 512).append(rule.evidenceHead()).append('{');
        boolean first = true;
        for (var e : values.entrySet()) {
            if (!first) s.append(',');
            first = false;
            EvidenceJson.string(s, e.getKey());
            s.append(':');
            if (!EvidenceJson.append(s, e.getValue() instanceof Localized l ? l.en() : e.getValue())) return null;
        }
        s.append("},\"data\":{\"householdId\":");
        if (!EvidenceJson.append(s, h.id())) return null;
        s.append(",\"householdCode\":");
        if (!EvidenceJson.append(s, h.code())) return null;
        s.append(",\"annualIncome\":");
        if (!EvidenceJson.append(s, h.annualIncome())) return null;
        s.append(",\"incomeYear\":");
        if (!EvidenceJson.append(s, h.incomeYear())) return null;
        s.append(",\"members\":").append(members).append(",\"registrationStatus\":");
        if (!EvidenceJson.append(s, h.registrationStatus())) return null;
        s.append(",\"evaluatedOn\":");
        EvidenceJson.string(s, date.toString());
        s.append("}}");
        return s.length() <= EVIDENCE_LENGTH ? s.toString() : null;
    }

    /** Evidence as stored: its JSON text, or, when that is longer than 4,000 characters, without its values. */
    private static String evidenceText(Map<String, Object> evidence, tools.jackson.databind.json.JsonMapper json) {
        String text = EvidenceJson.write(evidence, json);
        if (text.length() <= EVIDENCE_LENGTH) return text;
        Map<String, Object> shorter = new LinkedHashMap<>(evidence); // in the same order
        shorter.put("values", VALUES_LEFT_OUT);
        return EvidenceJson.write(shorter, json);
    }

    private static String fill(String[] parts, Map<String, Object> values, String language) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0) s.append(parts[i]);
            else s.append(values.containsKey(parts[i]) ? format(values.get(parts[i]), language) : "{" + parts[i] + "}");
        }
        return Clip.clip(s.toString(), REASON_LENGTH);
    }

    static String format(Object value, String language) {
        if (value == null) return "-";
        if (value instanceof Localized l) return l.in(language);
        if (value instanceof Double d) return number(d);
        if (value instanceof List<?> list) {
            StringBuilder s = new StringBuilder();
            for (Object o : list) {
                if (!s.isEmpty()) s.append("zh".equals(language) ? "、" : ", ");
                s.append(format(o, language));
            }
            return s.toString();
        }
        return value.toString();
    }

    /** 23,400 for amounts; up to two decimals for small numbers (1.5, 0.25). Hand-written: String.format is slow per alert. */
    static String number(double d) {
        if (!Double.isFinite(d)) return String.valueOf(d);
        if (Math.abs(d) >= 100 || d == Math.rint(d)) {
            long v = Math.round(d);
            String digits = Long.toString(Math.abs(v));
            StringBuilder s = new StringBuilder(digits.length() + 6);
            if (v < 0) s.append('-');
            int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
            s.append(digits, 0, first);
            for (int i = first; i < digits.length(); i += 3) s.append(',').append(digits, i, i + 3);
            return s.toString();
        }
        long hundredths = Math.round(d * 100);
        long whole = Math.abs(hundredths) / 100, cents = Math.abs(hundredths) % 100;
        String sign = hundredths < 0 ? "-" : "";
        if (cents == 0) return sign + whole;
        return sign + whole + "." + (cents % 10 == 0 ? String.valueOf(cents / 10) : (cents < 10 ? "0" + cents : String.valueOf(cents)));
    }

    /** FNV-1a 64-bit over the rule and its values: equal data, equal fingerprint. */
    private static long fingerprint(CharSequence key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** A fingerprint as stored: 16 hexadecimal digits. */
    static String hex(long fingerprint) {
        return java.util.HexFormat.of().toHexDigits(fingerprint);
    }

    /** The household's class under the profile's classification, as values for an explanation, or null. */
    private Map<String, Object> classify(HouseholdFacts facts) {
        if (classification == null) return null;
        Map<String, Object> v = new LinkedHashMap<>();
        if ("INCOME_AND_DEPRIVATIONS".equals(classification.kind())) {
            if (!facts.hasIncome()) return null;
            LineTable.Resolved line = lines.resolve(classification.line(), facts.household.orgPath(), facts.incomeYear());
            if (line == null) return null;
            double income = facts.incomeIn(line.unit(), line.period());
            double threshold = line.amount() * (classification.factor() == null ? 1 : classification.factor());
            if (income > threshold) return null;
            v.put("income", income);
            v.put("line", threshold);
            v.put("lineId", line.id());
            v.put("lineSource", line.source());
            v.put("currency", currency);
            v.put("year", facts.incomeYear());
            v.put("area", area(line.area()));
        }
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        List<String> localLabels = new ArrayList<>();
        double score = 0;
        int deprived = 0;
        Set<String> dimensions = new java.util.LinkedHashSet<>();
        for (IndicatorCheck ind : indicators) {
            if (ind.check().test(facts) == null) continue;
            deprived++;
            score += ind.def().points() == null ? 0 : ind.def().points();
            dimensions.add(ind.def().dimension());
            en.add(ind.def().label().getOrDefault("en", ind.def().id()));
            zh.add(ind.def().label().getOrDefault("zh", ind.def().label().getOrDefault("en", ind.def().id())));
            if (local != null) localLabels.add(ind.def().label().getOrDefault(local, ind.def().label().getOrDefault("en", ind.def().id())));
        }
        double measure = switch (classification.kind()) {
            case "SCORE_LEVELS" -> score;
            case "ANY_DIMENSION" -> dimensions.size();
            default -> deprived;
        };
        CountryProfile.ClassDef chosen = null;
        for (CountryProfile.ClassDef c : classification.classes()) {
            if (measure >= c.min()) {
                chosen = c;
                break;
            }
        }
        if (chosen == null || chosen.label().equals(facts.household.registrationStatus())) return null;
        v.put("class", chosen.label());
        v.put("className", new Localized(chosen.name().getOrDefault("en", chosen.label()), chosen.name().getOrDefault("zh", chosen.label()),
                local == null ? null : chosen.name().get(local)));
        v.put("deprivations", "ANY_DIMENSION".equals(classification.kind()) ? dimensions.size() : deprived);
        v.put("indicators", indicators.size());
        v.put("deprived", en.isEmpty() ? new Localized("none", "无", localWord("none"))
                : new Localized(String.join(", ", en), String.join("、", zh), local == null ? null : String.join(", ", localLabels)));
        v.put("score", score);
        v.put("min", chosen.min());
        v.put("status", facts.household.registrationStatus());
        return v;
    }

    private Object area(String area) {
        return switch (area) {
            case "RURAL" -> new Localized("rural", "农村", localWord(area));
            case "URBAN" -> new Localized("urban", "城市", localWord(area));
            case "NATIONAL" -> new Localized("national", "全国", localWord(area));
            default -> area;
        };
    }

    /** A fixed value in the country's language, or null (English then). */
    private String localWord(String word) {
        return local == null || localWords == null ? null : localWords.apply(word);
    }
}
