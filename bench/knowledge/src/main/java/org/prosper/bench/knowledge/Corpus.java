package org.prosper.bench.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import com.ibm.icu.text.Transliterator;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.prosper.knowledge.search.IndexDoc;

/**
 * Generated multilingual documents and queries. The words of each language come from the demo practice summaries and
 * the glossary (segmented by ICU), plus a few thousand pseudo-words per language built from pieces of those words,
 * drawn with a Zipf distribution so that common words are common and most words are rare, as in real text.
 */
final class Corpus {

    static final List<String> LANGUAGES = List.of("zh", "en", "th", "lo", "km", "my", "vi", "id", "ms", "fil");
    static final Set<String> SPACELESS = Set.of("zh", "th", "lo", "km", "my");
    static final Map<String, String> COUNTRY = Map.of("zh", "CN", "en", "PH", "th", "TH", "lo", "LA", "km", "KH", "my", "MM",
            "vi", "VN", "id", "ID", "ms", "MY", "fil", "PH");
    static final List<String> THEMES = List.of("poverty-measurement", "ecommerce", "sustainable-agriculture", "digital-economy",
            "health", "education", "water", "sanitation", "housing", "rural-infrastructure", "microfinance", "cooperatives",
            "social-protection", "vocational-training", "rural-tourism", "gender", "disaster-risk", "governance");
    static final int PSEUDO_WORDS = 4000;

    final Map<String, List<String>> real = new HashMap<>();
    final Map<String, List<String>> vocabulary = new HashMap<>();
    final List<String> glossaryTerms = new ArrayList<>();
    private final Map<String, double[]> zipf = new HashMap<>();
    private final long seed;

    Corpus(Path serverResources, long seed) throws IOException {
        this.seed = seed;
        Map<String, Set<String>> words = new HashMap<>();
        for (String l : LANGUAGES) words.put(l, new LinkedHashSet<>());
        Analyzer icu = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String f) {
                ICUTokenizer t = new ICUTokenizer();
                return new TokenStreamComponents(t);
            }
        };
        List<String> practices = Files.readAllLines(serverResources.resolve("knowledge/demo/practices.tsv"), StandardCharsets.UTF_8);
        for (String line : practices.subList(1, practices.size())) {
            String[] c = line.split("\t", -1);
            if (c.length < 9 || !words.containsKey(c[0])) continue;
            for (String text : List.of(c[7], c[8], c[6])) words.get(c[0]).addAll(tokens(icu, text));
        }
        List<String> glossary = Files.readAllLines(serverResources.resolve("knowledge/glossary.tsv"), StandardCharsets.UTF_8);
        String[] header = null;
        for (String line : glossary) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] c = line.split("\t", -1);
            if (header == null) {
                header = c;
                continue;
            }
            for (int i = 1; i < c.length; i++) {
                for (String term : c[i].split("\\|")) {
                    if (term.isBlank()) continue;
                    glossaryTerms.add(term);
                    if (words.containsKey(header[i])) words.get(header[i]).addAll(tokens(icu, term));
                }
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (String l : LANGUAGES) {
            List<String> base = new ArrayList<>(words.get(l).stream().filter(w -> w.codePointCount(0, w.length()) >= 2).toList());
            real.put(l, List.copyOf(base));
            List<String> all = new ArrayList<>(base);
            Set<String> seen = new LinkedHashSet<>(base);
            while (all.size() < base.size() + PSEUDO_WORDS) {
                String w = piece(base, r, l) + piece(base, r, l) + (r.nextBoolean() ? piece(base, r, l) : "");
                if (seen.add(w)) all.add(w);
            }
            vocabulary.put(l, all);
            double[] cdf = new double[all.size()];
            double sum = 0;
            for (int i = 0; i < cdf.length; i++) {
                sum += 1.0 / Math.pow(i + 1, 1.05);
                cdf[i] = sum;
            }
            for (int i = 0; i < cdf.length; i++) cdf[i] /= sum;
            zipf.put(l, cdf);
        }
    }

    private static String piece(List<String> words, SplittableRandom r, String lang) {
        String w = words.get(r.nextInt(words.size()));
        int[] cps = w.codePoints().toArray();
        int len = Math.min(cps.length, SPACELESS.contains(lang) ? 2 + r.nextInt(2) : 2 + r.nextInt(3));
        int start = r.nextInt(cps.length - len + 1);
        String p = new String(cps, start, len);
        return p.toLowerCase();
    }

    private static List<String> tokens(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("f", text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(t.toString());
            ts.end();
        }
        return out;
    }

    String word(String lang, SplittableRandom r) {
        double[] cdf = zipf.get(lang);
        double u = r.nextDouble();
        int lo = 0, hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) lo = mid + 1;
            else hi = mid;
        }
        return vocabulary.get(lang).get(lo);
    }

    String text(String lang, int words, SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        boolean spaceless = SPACELESS.contains(lang);
        int run = 0;
        for (int i = 0; i < words; i++) {
            sb.append(word(lang, r));
            run++;
            if (!spaceless || run >= 4 + r.nextInt(10)) {
                sb.append(i % 17 == 16 ? (spaceless && lang.equals("zh") ? "。" : ". ") : " ");
                run = 0;
            }
        }
        return sb.toString().strip();
    }

    /** Document number i, the same on every run. */
    IndexDoc doc(long i) {
        SplittableRandom r = new SplittableRandom(seed * 31 + i);
        String lang = LANGUAGES.get(r.nextInt(LANGUAGES.size()));
        int kind = r.nextInt(100);
        String type = kind < 88 ? "practice" : kind < 98 ? "document" : "expert";
        int vis = r.nextInt(100);
        String visibility = vis < 80 ? "PUBLIC" : vis < 95 ? "PARTNERS" : "ADMINS";
        List<String> themes = List.of(THEMES.get(r.nextInt(THEMES.size())), THEMES.get(r.nextInt(THEMES.size()))).stream().distinct().toList();
        return new IndexDoc(type, i + 1, text(lang, 4 + r.nextInt(5), r), text(lang, 25 + r.nextInt(30), r),
                text(lang, 60 + r.nextInt(140), r), List.of(lang), COUNTRY.get(lang), themes, 2000 + r.nextInt(26), visibility, null);
    }

    private static final ThreadLocal<Transliterator> TO_ZAWGYI = ThreadLocal.withInitial(() -> Transliterator.getInstance("my-Zawgyi"));

    record Query(String text, String language, String country) {
    }

    /** A query as users type them: mostly one or two common words, some rare words, glossary terms, Zawgyi Burmese. */
    Query query(SplittableRandom r) {
        String lang = LANGUAGES.get(r.nextInt(LANGUAGES.size()));
        int kind = r.nextInt(100);
        String country = kind >= 90 ? COUNTRY.get(lang) : null;
        if (kind < 45) return new Query(word(lang, r), lang, country);
        if (kind < 65) return new Query(word(lang, r) + " " + word(lang, r), lang, country);
        if (kind < 75) return new Query(glossaryTerms.get(r.nextInt(glossaryTerms.size())), null, country);
        if (kind < 85) {
            List<String> v = vocabulary.get(lang);
            return new Query(v.get(v.size() - 1 - r.nextInt(PSEUDO_WORDS / 2)), lang, country);
        }
        if (kind < 90) return new Query(TO_ZAWGYI.get().transliterate(word("my", r)), "my", country);
        return new Query(word(lang, r), lang, country);
    }
}
