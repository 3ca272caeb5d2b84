package org.prosper.knowledge.search;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;

/**
 * One analysis chain per field; every document's text goes through several of them and a query is analysed by each:
 * <ul>
 * <li>{@code icu}: ICU word segmentation (dictionary words for Thai, Lao, Khmer, Burmese and Chinese), NFKC case
 * folding, and Latin diacritics folded beside the original (Vietnamese typed without tone marks still matches);</li>
 * <li>{@code zh}: smartcn Chinese word segmentation (keeps words such as 东盟 whole);</li>
 * <li>{@code en}: English stemming; {@code idms}: Indonesian and Malay stemming (kemiskinan -> miskin). Filipino and
 * Vietnamese have no stemmer here and rely on {@code icu};</li>
 * <li>{@code gram}: character 3-grams, one position apart, with the 2-gram of each position stacked on them, over
 * unbroken runs of Thai, Lao, Khmer, Burmese and Han letters: the fallback that finds a word inside a longer run that
 * the dictionary keeps whole (ທຸກຍາກ in ຄວາມທຸກຍາກ), as the phrase of its 3-grams (a two-letter word as its 2-gram).
 * Only ever matched, never scored, so it is indexed without norms (see {@link #GRAM_TYPE}).</li>
 * </ul>
 * All analyzers are thread-safe and shared.
 */
public final class KnowledgeAnalyzers {

    public static final String ICU = "icu";
    public static final String TITLE = "title";
    public static final String ZH = "zh";
    public static final String EN = "en";
    public static final String IDMS = "idms";
    public static final String GRAM = "gram";

    /**
     * The version of the analysis above, kept in each index generation's commit: an index written with other chains
     * (or other fields) is not reused but rebuilt from the database. Raise it whenever a chain or field changes.
     */
    public static final String FORMAT = "3";

    /** The n-gram field: positions for phrases, no norms (it never contributes to a score). */
    public static final FieldType GRAM_TYPE = gramType();

    private final Analyzer icu = new IcuAnalyzer();
    private final Analyzer zh = new SmartChineseAnalyzer();
    private final Analyzer en = new EnglishAnalyzer();
    private final Analyzer idms = new IndonesianAnalyzer();
    private final Analyzer gram = new GramAnalyzer(true);
    private final Analyzer runs = new GramAnalyzer(false);
    private final Analyzer perField = new PerFieldAnalyzerWrapper(icu, Map.of(TITLE, icu, ZH, zh, EN, en, IDMS, idms, GRAM, gram));

    private static FieldType gramType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    public Analyzer icu() {
        return icu;
    }

    public Analyzer zh() {
        return zh;
    }

    public Analyzer en() {
        return en;
    }

    public Analyzer idms() {
        return idms;
    }

    /** The gram chain without the n-grams: normalized runs of spaceless-script letters, for building queries. */
    public Analyzer runs() {
        return runs;
    }

    public Analyzer forField(String field) {
        return switch (field) {
            case ZH -> zh;
            case EN -> en;
            case IDMS -> idms;
            case GRAM -> gram;
            default -> icu;
        };
    }

    /** The analyzer to give an IndexWriter: each field's own chain. */
    public Analyzer perField() {
        return perField;
    }

    private static final class IcuAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new ICUTokenizer();
            TokenStream stream = new ICUNormalizer2Filter(tokenizer);
            stream = new ASCIIFoldingFilter(stream, true);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    private static final class GramAnalyzer extends Analyzer {
        private final boolean grams;

        GramAnalyzer(boolean grams) {
            this.grams = grams;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new LetterRunTokenizer();
            TokenStream stream = new SpacelessScriptFilter(tokenizer);
            stream = new ICUNormalizer2Filter(stream);
            if (grams) stream = new PositionalNGramFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
