package org.prosper.knowledge.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.ibm.icu.text.Normalizer2;

/**
 * Poverty-reduction terms across the platform's languages, read from an editable TSV file: a header
 * {@code concept<TAB>en<TAB>zh<TAB>...}, then one concept a line with variants separated by '|', '#' for comments.
 * A query that contains a term of a concept is expanded with that concept's terms in every language.
 */
public final class Glossary {

    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();

    public record Concept(String id, Map<String, List<String>> terms) {
        public List<String> allTerms() {
            return terms.values().stream().flatMap(List::stream).toList();
        }
    }

    private final List<Concept> concepts;

    private Glossary(List<Concept> concepts) {
        this.concepts = List.copyOf(concepts);
    }

    public static Glossary empty() {
        return new Glossary(List.of());
    }

    /** Reads a glossary; a malformed line is refused with the source name and line number. */
    public static Glossary parse(Reader reader, String source) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String[] header = null;
        List<Concept> concepts = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cells = line.split("\t", -1);
            if (header == null) {
                if (cells.length < 3 || !cells[0].equals("concept")) {
                    throw new IllegalArgumentException(source + " line " + number + ": the header must start with 'concept' and name at least two languages");
                }
                header = cells;
                continue;
            }
            if (cells.length > header.length) {
                throw new IllegalArgumentException(source + " line " + number + ": " + cells.length + " columns, the header has " + header.length);
            }
            if (cells[0].isBlank()) throw new IllegalArgumentException(source + " line " + number + ", column 1: the concept id is empty");
            Map<String, List<String>> terms = new LinkedHashMap<>();
            for (int c = 1; c < cells.length; c++) {
                List<String> variants = new ArrayList<>();
                for (String v : cells[c].split("\\|")) {
                    String t = normalize(v);
                    if (!t.isEmpty()) variants.add(t);
                }
                if (!variants.isEmpty()) terms.put(header[c].trim(), List.copyOf(variants));
            }
            if (terms.size() < 2) throw new IllegalArgumentException(source + " line " + number + ": concept '" + cells[0] + "' has terms in fewer than two languages");
            concepts.add(new Concept(cells[0].trim(), terms));
        }
        if (header == null) throw new IllegalArgumentException(source + ": no header line");
        return new Glossary(concepts);
    }

    public List<Concept> concepts() {
        return concepts;
    }

    /** Zawgyi converted, NFKC case-folded, spaces collapsed: the form in which terms and queries are compared. */
    public static String normalize(String text) {
        if (text == null) return "";
        return FOLD.normalize(Zawgyi.toUnicode(text)).strip().replaceAll("\\s+", " ");
    }

    /** The concepts one of whose terms occurs in the query (as whole words for scripts written with spaces). */
    public List<Concept> conceptsIn(String query) {
        String q = normalize(query);
        List<Concept> found = new ArrayList<>();
        if (q.isEmpty()) return found;
        for (Concept concept : concepts) {
            for (String term : concept.allTerms()) {
                if (occurs(q, term)) {
                    found.add(concept);
                    break;
                }
            }
        }
        return found;
    }

    static boolean occurs(String text, String term) {
        boolean spaceless = SpacelessScriptFilter.hasSpaceless(term);
        int from = 0;
        while (true) {
            int at = text.indexOf(term, from);
            if (at < 0) return false;
            if (spaceless) return true;
            int end = at + term.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end));
            if (startOk && endOk) return true;
            from = at + 1;
        }
    }
}
