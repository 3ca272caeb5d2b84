package org.prosper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.prosper.access.Role;
import org.prosper.geo.GeoPageController;
import org.prosper.knowledge.KnowledgeVocabulary;
import org.prosper.registry.Vocabulary;

/**
 * Every message bundle is complete in English and in every language the switch offers, and every key a template or
 * page controller uses exists. A key missing from a locale, an empty value, or a template key missing from the English
 * bundle fails the build.
 */
class MessageBundleTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path MESSAGES = RESOURCES.resolve("messages");
    private static final Path TEMPLATES = RESOURCES.resolve("templates");
    private static final Path SOURCES = Path.of("src/main/java");
    /** Every language the switch offers besides English, the source. */
    private static final List<String> LOCALES = Languages.OFFERED.stream().map(Languages.Language::tag).filter(t -> !t.equals("en")).toList();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    /** An apostrophe on its own, not doubled. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    /** #{some.key} or #{some.key(args)}: a literal key. */
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z][\\w.-]*)\\s*[}(]");
    /** #messages.msg('some.key'...) */
    private static final Pattern MSG_CALL = Pattern.compile("#messages\\.msg\\(\\s*'([\\w.-]+)'");
    /** #{'prefix.' + ${...}}: a key built from a value; its prefix must be one whose values the test can enumerate. */
    private static final Pattern DYNAMIC_KEY = Pattern.compile("#\\{\\s*'([\\w.-]+\\.)'\\s*\\+");
    /** Keys that Java code hands to a template to resolve: addAttribute("messageKey", "x.y") and the like. */
    private static final Pattern JAVA_KEY = Pattern.compile("\"(?:messageKey|noticeKey)\"\\s*,\\s*\"([\\w.-]+)\"");
    /** Problems said by a key (FieldProblem.of, ImportProblem.of and the like): every "problem.x" literal in Java. */
    private static final Pattern PROBLEM_KEY = Pattern.compile("\"(problem\\.[\\w.]+)\"");
    /** messages.getMessage("some.key", ...) in Java (a key built from a value, "prefix." + v, is not one). */
    private static final Pattern GET_MESSAGE = Pattern.compile("getMessage\\(\\s*\"([\\w.-]+)\"\\s*[,)]");

    @Test
    void everyBundleHasTheSameKeysInEveryLocaleAndNoEmptyValue() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, Path> bundles = baseBundles();
        assertThat(bundles).as("bundles in " + MESSAGES).isNotEmpty();
        for (var bundle : bundles.entrySet()) {
            Properties english = load(bundle.getValue());
            failures.addAll(emptyValues(bundle.getValue(), english));
            failures.addAll(duplicateKeys(bundle.getValue()));
            for (String locale : LOCALES) {
                Path translated = MESSAGES.resolve(bundle.getKey() + "_" + locale + ".properties");
                if (!Files.exists(translated)) {
                    failures.add(translated + ": missing (every bundle needs a " + locale + " translation)");
                    continue;
                }
                Properties other = load(translated);
                failures.addAll(emptyValues(translated, other));
                failures.addAll(duplicateKeys(translated));
                for (String key : difference(english.stringPropertyNames(), other.stringPropertyNames())) {
                    failures.add(translated + ": missing key " + key);
                }
                for (String key : difference(other.stringPropertyNames(), english.stringPropertyNames())) {
                    failures.add(translated + ": key " + key + " is not in " + bundle.getValue().getFileName());
                }
            }
        }
        assertThat(failures).as("message bundle problems").isEmpty();
    }

    /**
     * A translation keeps the English message's placeholders ({0} ...), or a value goes missing from the page. Spring
     * formats a message with MessageFormat only when it has arguments: there an apostrophe must be doubled (a single one
     * starts a quotation and swallows the text after it, placeholders included), elsewhere a doubled one shows twice.
     */
    @Test
    void everyTranslationKeepsThePlaceholdersAndWritesApostrophesAsItsUseNeeds() throws IOException {
        List<String> failures = new ArrayList<>();
        for (var bundle : baseBundles().entrySet()) {
            Properties english = load(bundle.getValue());
            failures.addAll(apostropheProblems(bundle.getValue(), english, english));
            for (String locale : LOCALES) {
                Path translated = MESSAGES.resolve(bundle.getKey() + "_" + locale + ".properties");
                if (!Files.exists(translated)) continue; // reported by the test of keys
                Properties other = load(translated);
                failures.addAll(apostropheProblems(translated, english, other));
                for (String key : english.stringPropertyNames()) {
                    if (other.getProperty(key) == null) continue;
                    List<String> expected = placeholders(english.getProperty(key));
                    List<String> found = placeholders(other.getProperty(key));
                    if (!expected.equals(found)) failures.add(translated + ": " + key + " has placeholders " + found + ", English " + expected);
                }
            }
        }
        assertThat(failures).as("placeholders and apostrophes").isEmpty();
    }

    @Test
    void everyBundleIsRegisteredWithSpring() throws IOException {
        Properties application = load(RESOURCES.resolve("application.properties"));
        Set<String> registered = Set.copyOf(Arrays.asList(application.getProperty("spring.messages.basename", "").split("\\s*,\\s*")));
        for (String bundle : baseBundles().keySet()) {
            assertThat(registered).as("spring.messages.basename in application.properties").contains("messages/" + bundle);
        }
    }

    @Test
    void everyKeyUsedInTemplatesAndPagesExistsInEnglish() throws IOException {
        Set<String> english = englishKeys();
        Map<String, Set<String>> used = usedKeys();
        List<String> missing = new ArrayList<>();
        used.forEach((key, where) -> {
            if (!english.contains(key)) missing.add(key + " (used in " + String.join(", ", where) + ")");
        });
        assertThat(used).as("keys found in templates").hasSizeGreaterThan(100);
        assertThat(missing).as("keys used but not in any English bundle").isEmpty();
    }

    @Test
    void keysBuiltFromValuesExistForEveryValue() throws IOException {
        Set<String> english = englishKeys();
        for (Vocabulary v : Vocabulary.values()) {
            for (String value : v.allowed()) assertThat(english).contains(v.messageKey(value));
        }
        for (Role role : Role.values()) assertThat(english).contains(role.messageKey());

        // a prefix whose values are listed in dynamicPrefixes() must have a key for each; any other must at least exist
        Map<String, Supplier<List<String>>> enumerated = dynamicPrefixes();
        Map<String, Set<String>> usedPrefixes = new TreeMap<>();
        for (Path template : templates()) {
            Matcher m = DYNAMIC_KEY.matcher(Files.readString(template));
            while (m.find()) usedPrefixes.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(TEMPLATES.relativize(template).toString());
        }
        assertThat(usedPrefixes).as("templates build keys from vocabulary values").containsKey("registry.sex.");
        List<String> unanchored = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        usedPrefixes.forEach((prefix, where) -> {
            if (enumerated.containsKey(prefix)) {
                for (String value : enumerated.get(prefix).get()) {
                    if (!english.contains(prefix + value)) missing.add(prefix + value + " (for " + where + ")");
                }
            } else if (english.stream().noneMatch(k -> k.startsWith(prefix))) {
                // values not listed here yet: at least the prefix must name keys that exist (a typo names none)
                unanchored.add("#{'" + prefix + "' + ...} in " + where);
            }
        });
        assertThat(missing).as("keys for enumerated values").isEmpty();
        assertThat(unanchored).as("keys built from a prefix that no English key starts with").isEmpty();
    }

    @Test
    void theScannerFindsTheKeysOfEveryKindOfExpression() {
        String sample = """
                <a th:text="#{nav.home}"></a><p th:text="#{home.welcome(${u})}"></p>
                <td th:attr="data-label=#{household.code}"></td><span th:text="${x ? #messages.msg('common.yes') : ''}"></span>
                <option th:text="#{'registry.sex.' + ${v}}"></option><p th:text="#{${messageKey}}"></p>
                """;
        Set<String> found = new TreeSet<>();
        collect(LITERAL_KEY, sample, found);
        collect(MSG_CALL, sample, found);
        assertThat(found).containsExactly("common.yes", "home.welcome", "household.code", "nav.home");
        Matcher dynamic = DYNAMIC_KEY.matcher(sample);
        assertThat(dynamic.find()).isTrue();
        assertThat(dynamic.group(1)).isEqualTo("registry.sex.");
    }

    /**
     * Prefixes of keys built from a value in templates, with every value that can follow. A feature lists its own
     * here to have a key checked for each value; an unlisted prefix is only checked to name existing keys.
     */
    private static Map<String, Supplier<List<String>>> dynamicPrefixes() {
        Map<String, Supplier<List<String>>> prefixes = new TreeMap<>();
        for (Vocabulary v : Vocabulary.values()) prefixes.put("registry." + v.field() + ".", v::allowed);
        prefixes.put("role.", () -> Arrays.stream(Role.values()).map(Role::name).toList());
        prefixes.put("geo.event.", () -> GeoPageController.EVENT_KINDS);
        prefixes.put("knowledge.theme.", () -> KnowledgeVocabulary.THEMES);
        prefixes.put("knowledge.lang.", () -> KnowledgeVocabulary.LANGUAGES);
        prefixes.put("knowledge.visibility.", () -> KnowledgeVocabulary.VISIBILITIES);
        prefixes.put("knowledge.availability.", () -> KnowledgeVocabulary.AVAILABILITIES);
        // the knowledge feature keeps these values as literals in its code: read them from there
        prefixes.put("knowledge.facet.", () -> literalsIn("knowledge/search/SearchIndex.java", "facet\\(doc, \"([\\w-]+)\""));
        prefixes.put("knowledge.match.reason.", () -> literalsIn("knowledge/MatchingService.java", "new Reason\\(\"([\\w-]+)\""));
        prefixes.put("knowledge.type.", () -> literalsIn("knowledge/KnowledgeApiController.java",
                "Set\\.of\\((\"expert\"[^)]*)\\)").stream().flatMap(list -> Arrays.stream(list.split("\\s*,\\s*")))
                .map(v -> v.replace("\"", "")).toList());
        return prefixes;
    }

    /** Group 1 of every match of a pattern in a main source file under org/prosper; at least one, or the scan is stale. */
    private static List<String> literalsIn(String file, String regex) {
        try {
            Matcher m = Pattern.compile(regex).matcher(Files.readString(SOURCES.resolve("org/prosper").resolve(file)));
            List<String> values = new ArrayList<>();
            while (m.find()) if (!values.contains(m.group(1))) values.add(m.group(1));
            assertThat(values).as("values matching " + regex + " in " + file).isNotEmpty();
            return values;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Set<String>> usedKeys() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        for (Path template : templates()) {
            String text = Files.readString(template);
            Set<String> keys = new TreeSet<>();
            collect(LITERAL_KEY, text, keys);
            collect(MSG_CALL, text, keys);
            for (String key : keys) used.computeIfAbsent(key, k -> new TreeSet<>()).add(TEMPLATES.relativize(template).toString());
        }
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Set<String> keys = new TreeSet<>();
                String text = Files.readString(source);
                collect(JAVA_KEY, text, keys);
                collect(PROBLEM_KEY, text, keys);
                collect(GET_MESSAGE, text, keys);
                for (String key : keys) used.computeIfAbsent(key, k -> new TreeSet<>()).add(source.getFileName().toString());
            }
        }
        return used;
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) into.add(m.group(1));
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static Set<String> englishKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path bundle : baseBundles().values()) keys.addAll(load(bundle).stringPropertyNames());
        return keys;
    }

    /** messages/name.properties for every name without a locale suffix. */
    private static Map<String, Path> baseBundles() throws IOException {
        Map<String, Path> bundles = new TreeMap<>();
        try (Stream<Path> files = Files.list(MESSAGES)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".properties")) continue;
                String base = name.substring(0, name.length() - ".properties".length());
                if (!base.matches(".*_[a-z]{2}(_[A-Z]{2})?")) bundles.put(base, p);
            }
        }
        return bundles;
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static List<String> placeholders(String message) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) found.add(m.group());
        java.util.Collections.sort(found);
        return found;
    }

    /** Whether a message is formatted is decided by the English one: its placeholders mean it is given arguments. */
    private static List<String> apostropheProblems(Path file, Properties english, Properties messages) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(messages.stringPropertyNames())) {
            String value = messages.getProperty(key);
            boolean formatted = english.getProperty(key) != null && PLACEHOLDER.matcher(english.getProperty(key)).find();
            if (formatted) {
                try {
                    new java.text.MessageFormat(value, java.util.Locale.forLanguageTag("en"));
                } catch (IllegalArgumentException e) {
                    problems.add(file + ": " + key + " cannot be formatted: " + e.getMessage());
                }
            }
            if (formatted && LONE_APOSTROPHE.matcher(value).find()) {
                problems.add(file + ": " + key + " has a single apostrophe in a message with placeholders (write '')");
            } else if (!formatted && value.contains("''")) {
                problems.add(file + ": " + key + " has a doubled apostrophe in a message without placeholders (it shows twice)");
            }
        }
        return problems;
    }

    private static List<String> emptyValues(Path file, Properties p) {
        return p.stringPropertyNames().stream().filter(k -> p.getProperty(k).isBlank()).sorted()
                .map(k -> file + ": key " + k + " has an empty value").toList();
    }

    /** A key given twice keeps only its last value, silently: with several authors appending, that is a mistake. */
    private static List<String> duplicateKeys(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        boolean continued = false;
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            boolean wasContinued = continued;
            continued = line.endsWith("\\");
            String t = line.strip();
            if (wasContinued || t.isEmpty() || t.startsWith("#") || t.startsWith("!")) continue;
            String key = t.split("\\s*[=:]", 2)[0].strip();
            if (!seen.add(key)) problems.add(file + " line " + lineNo + ": key " + key + " is given again");
        }
        return problems;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
