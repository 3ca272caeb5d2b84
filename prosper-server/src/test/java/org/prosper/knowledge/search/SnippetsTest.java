package org.prosper.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Snippets from stored UTF-8 bytes, decoded only as far as needed, are the snippets of the whole text. */
class SnippetsTest {

    private static final String[] PIECES = {"poverty ", "Reduction ", "giảm nghèo ", "ĐƯỜNG ", "ความยากจน", "ການຫຼຸດຜ່ອນ", "ភាពក្រីក្រ",
            "ဆင်းရဲမွဲတေမှု ", "扶贫资金", "乡村振兴。", "😀 ", "𠀋", "a&b <c> ", "\n", "desa ", "air bersih "};

    @Test
    void fromBytesAsFromTheWholeText() {
        SplittableRandom r = new SplittableRandom(5);
        Snippets.Scratch page = new Snippets.Scratch(); // reused from text to text, as a page of hits does
        for (int t = 0; t < 3_000; t++) {
            int pieces = t % 10 == 0 ? r.nextInt(3_000, 8_000) : r.nextInt(0, 400);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < pieces; i++) text.append(PIECES[r.nextInt(PIECES.length)]);
            List<String> needles = new ArrayList<>();
            for (int i = r.nextInt(0, 4); i > 0; i--) needles.add(PIECES[r.nextInt(PIECES.length)].strip());
            if (r.nextInt(5) == 0) needles.add("absent words");
            Snippets.Usable usable = Snippets.usable(needles);
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[utf8.length + 7]; // a value inside a larger buffer, as doc values give it
            System.arraycopy(utf8, 0, padded, 3, utf8.length);
            String expected = Snippets.highlight(text.toString(), usable);
            assertThat(Snippets.highlight(new BytesRef(padded, 3, utf8.length), usable))
                    .as("text of %d chars, needles %s", text.length(), needles)
                    .isEqualTo(expected);
            assertThat(Snippets.highlight(new BytesRef(padded, 3, utf8.length), usable, page))
                    .as("with buffers reused: text of %d chars, needles %s", text.length(), needles)
                    .isEqualTo(expected);
        }
    }

    @Test
    void everyOccurrenceIsMarkedLeftmostFirstAndTheLongestNeedleWhereSeveralStart() {
        Snippets.Usable usable = Snippets.usable(List.of("reduction", "poverty reduction", "Water", "ter"));
        assertThat(Snippets.highlight("Poverty reduction & water: reduction of poverty, waterways.", usable))
                .isEqualTo("<mark>Poverty reduction</mark> &amp; <mark>water</mark>: <mark>reduction</mark> of poverty, <mark>water</mark>ways.");
        // a shorter needle starting first wins over a longer one that would overlap it
        assertThat(Snippets.highlight("Clean water terraces", Snippets.usable(List.of("wat", "ater terraces"))))
                .isEqualTo("Clean <mark>wat</mark>er terraces");
        assertThat(Snippets.highlight("ความยากจน ลดความยากจน", Snippets.usable(List.of("ความยากจน"))))
                .isEqualTo("<mark>ความยากจน</mark> ลด<mark>ความยากจน</mark>");
    }

    @Test
    void aMatchLateInALongTextAndNone() {
        String text = "x ".repeat(20_000) + "rice terraces" + " y".repeat(100);
        Snippets.Usable usable = Snippets.usable(List.of("terraces"));
        String snippet = Snippets.highlight(new BytesRef(text), usable);
        assertThat(snippet).contains("<mark>terraces</mark>").startsWith("… ").endsWith(" …");
        assertThat(Snippets.highlight(new BytesRef(text), Snippets.usable(List.of("absent")))).startsWith("x x").endsWith(" …");
        String beyondTheScan = "x ".repeat(30_000) + "rice terraces"; // only the first 50,000 characters are looked at
        assertThat(Snippets.highlight(new BytesRef(beyondTheScan), usable)).doesNotContain("<mark>").startsWith("x x");
        assertThat(Snippets.highlight(new BytesRef("short"), Snippets.usable(List.of("absent")))).isEqualTo("short");
        assertThat(Snippets.highlight(new BytesRef(""), usable)).isEmpty();
    }
}
