package org.prosper.measure.table;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {
    static Table read(String text) throws IOException { return new CsvReader().read("t.csv", new StringReader(text)); }

    @Test
    void numbersTextQuotesAndMissingValues() throws IOException {
        Table t = read("\uFEFFid,income,region,note\n1,12.5,north,\"a, b\"\n2,NA,\"south\",\"line1\nline2\"\n3,,north,\"say \"\"hi\"\"\"\n");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.doubles("income").values()).containsExactly(12.5, Double.NaN, Double.NaN);
        assertThat(t.strings("region").get(1)).isEqualTo("south");
        assertThat(t.strings("region").cardinality()).isEqualTo(2);
        assertThat(t.strings("note").get(0)).isEqualTo("a, b");
        assertThat(t.strings("note").get(1)).isEqualTo("line1\nline2");
        assertThat(t.strings("note").get(2)).isEqualTo("say \"hi\"");
        assertThat(t.lineOf(2)).isEqualTo(5); // the quoted newline makes row 3 start on line 5
        assertThat(t.strings("id").get(0)).isEqualTo("1");
    }

    @Test
    void nonNumericValueIsReportedWithLineAndColumn() throws IOException {
        Table t = read("y,w\n1,2\n3,abc\n5,6\n");
        assertThatThrownBy(() -> t.doubles("w"))
                .isInstanceOf(TableException.class)
                .satisfies(e -> {
                    TableException te = (TableException) e;
                    assertThat(te.line()).isEqualTo(3);
                    assertThat(te.column()).isEqualTo("w");
                    assertThat(te.describe()).isEqualTo("t.csv:3: column \"w\": non-numeric value \"abc\"");
                });
    }

    @Test
    void missingColumnEmptyFileAndRaggedRows() {
        assertThatThrownBy(() -> read("a,b\n1,2\n").doubles("c")).hasMessageContaining("no such column");
        assertThatThrownBy(() -> read("")).isInstanceOf(TableException.class).hasMessageContaining("empty file");
        assertThatThrownBy(() -> read("a,b\n1,2\n3\n")).isInstanceOf(TableException.class)
                .satisfies(e -> assertThat(((TableException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> read("a,a\n1,2\n")).hasMessageContaining("duplicate");
    }

    @Test
    void fastNumberParsingIsExact() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 20000; i++) {
            double v = Math.round(r.nextDouble() * 1e6) / Math.pow(10, r.nextInt(8));
            String s = Double.toString(v);
            if (s.contains("E")) continue;
            assertThat(CsvReader.parseNumber(s)).isEqualTo(Double.parseDouble(s));
            String plain = new java.math.BigDecimal(s).toPlainString();
            assertThat(CsvReader.parseNumber(plain)).isEqualTo(Double.parseDouble(plain));
        }
        assertThat(CsvReader.parseNumber("-0.125")).isEqualTo(-0.125);
        assertThat(CsvReader.parseNumber("1e3")).isEqualTo(1000);
        assertThat(CsvReader.parseNumber("12345678901234567890")).isEqualTo(1.2345678901234567e19);
        assertThat(CsvReader.parseNumber("0.1")).isEqualTo(0.1);
        assertThat(CsvReader.parseNumber("1d")).isNaN();
        assertThat(CsvReader.parseNumber("abc")).isNaN();
        assertThat(CsvReader.parseNumber("Infinity")).isNaN();
    }

    @Test
    void negativeWeightIsReportedWithItsLine() throws IOException {
        Table t = read("y,w\n1,2\n3,-1\n");
        assertThatThrownBy(() -> Inputs.weights(t, "w")).isInstanceOf(TableException.class)
                .satisfies(e -> assertThat(((TableException) e).describe()).startsWith("t.csv:3: column \"w\": negative"));
    }
}
