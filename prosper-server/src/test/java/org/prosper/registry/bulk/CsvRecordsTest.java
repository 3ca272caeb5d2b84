package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    private record Read(long number, List<String> values) {
    }

    private static List<Read> read(byte[] bytes, int buffer) throws IOException {
        return read(new ByteArrayInputStream(bytes), buffer);
    }

    private static List<Read> read(InputStream in, int buffer) throws IOException {
        CsvRecords csv = new CsvRecords(in, buffer);
        List<Read> out = new ArrayList<>();
        String[] r;
        while ((r = csv.next()) != null) out.add(new Read(csv.record(), List.of(r)));
        return out;
    }

    /** commons-csv's default format, as the import read files before, with the same delimiter. */
    private static List<Read> commons(String text, char delimiter) throws IOException {
        List<Read> out = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            for (CSVRecord r : parser) out.add(new Read(r.getRecordNumber(), List.of(r.values())));
        }
        return out;
    }

    @Test
    void readsAsCommonsCsvDidOnRandomFilesWithEveryBufferSize() throws IOException {
        Random random = new Random(20261203);
        String[] pieces = {"a", "Sok", "ស្រុក", "村", " ", ",", ";", "\t", "\"", "\n", "\r\n", "\r", "x y", "é", "1990-01-01", ""};
        String[] ends = {"\n", "\r\n", "\r"};
        for (int file = 0; file < 3000; file++) {
            char delimiter = file % 5 == 0 ? ';' : file % 7 == 0 ? '\t' : ',';
            StringBuilder text = new StringBuilder(file % 11 == 0 ? "\uFEFF" : "");
            int fieldsPerRecord = 2 + random.nextInt(4);
            int records = random.nextInt(8);
            for (int f = 0; f < fieldsPerRecord; f++) text.append(f > 0 ? String.valueOf(delimiter) : "").append("h").append(f);
            text.append(ends[random.nextInt(3)]); // a header, as every import file has: it shows the delimiter
            for (int r = 0; r < records; r++) {
                if (random.nextInt(6) == 0) text.append(ends[random.nextInt(3)]); // an empty line
                for (int f = 0; f < fieldsPerRecord; f++) {
                    if (f > 0) text.append(delimiter);
                    StringBuilder value = new StringBuilder();
                    int n = random.nextInt(5);
                    for (int i = 0; i < n; i++) value.append(pieces[random.nextInt(pieces.length)]);
                    String v = value.toString();
                    boolean mustQuote = v.indexOf(delimiter) >= 0 || v.contains("\"") || v.contains("\n") || v.contains("\r");
                    if (mustQuote || random.nextInt(4) == 0) {
                        text.append('"').append(v.replace("\"", "\"\"")).append('"');
                        if (random.nextInt(10) == 0) text.append("  "); // spaces after a closing quote are allowed
                    } else {
                        text.append(v);
                    }
                }
                if (r < records - 1 || random.nextBoolean()) text.append(ends[random.nextInt(3)]);
            }
            String csv = text.toString();
            String withoutBom = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
            byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
            List<Read> expected;
            try {
                assertThat(new CsvRecords(new ByteArrayInputStream(bytes)).delimiter()).isEqualTo(delimiter);
                expected = commons(withoutBom, delimiter);
            } catch (Exception e) {
                throw new AssertionError("commons-csv refused file " + file + ": " + csv.replace("\r", "<CR>").replace("\n", "<LF>\n"), e);
            }
            for (int buffer : new int[] {16, 17, 64, 1 << 16}) {
                assertThat(read(bytes, buffer)).as("file %d with a %d-byte buffer: %s", file, buffer, csv).isEqualTo(expected);
            }
        }
    }

    @Test
    void theDelimiterIsTheOneTheFirstLineUsesMost() throws IOException {
        assertThat(read("a;b;c\n1;2,5;3\n".getBytes(StandardCharsets.UTF_8), 64))
                .containsExactly(new Read(1, List.of("a", "b", "c")), new Read(2, List.of("1", "2,5", "3")));
        assertThat(read("a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8), 16).get(1).values()).containsExactly("1", "2");
        assertThat(read("\uFEFFcode,name\nKH-1,Sok\n".getBytes(StandardCharsets.UTF_8), 16).getFirst().values())
                .containsExactly("code", "name");
    }

    @Test
    void aFieldLongerThanTheBufferIsReadWhole() throws IOException {
        String longField = "ស្រុក".repeat(5000);
        byte[] bytes = ("a,b\n1,\"" + longField + "\"\n2," + longField + "\n").getBytes(StandardCharsets.UTF_8);
        List<Read> records = read(bytes, 16);
        assertThat(records).hasSize(3);
        assertThat(records.get(1).values()).containsExactly("1", longField);
        assertThat(records.get(2).values()).containsExactly("2", longField);
    }

    @Test
    void aQuoteThatNeverClosesNamesTheLineWhereItOpened() {
        byte[] bytes = "a,b\n1,2\n3,\"open\n4,5\n6,7\n".getBytes(StandardCharsets.UTF_8);
        for (int buffer : new int[] {16, 1 << 16}) {
            assertThatThrownBy(() -> read(bytes, buffer)).isInstanceOfSatisfying(CsvRecords.Malformed.class, e -> {
                assertThat(e.kind).isEqualTo(CsvRecords.Malformed.Kind.UNCLOSED_QUOTE);
                assertThat(e.line).isEqualTo(3);
            });
        }
    }

    @Test
    void aValueLongerThanTheLimitStopsTheReadingWithItsFirstLine() {
        String rows = "1,2\n".repeat(400);
        byte[] quoted = ("a,b\n1,2\n3,\"open\n" + rows).getBytes(StandardCharsets.UTF_8);
        byte[] plain = ("a,b\n1,2\n" + "x".repeat(2000) + "\n").getBytes(StandardCharsets.UTF_8);
        for (byte[] bytes : List.of(quoted, plain)) {
            assertThatThrownBy(() -> {
                CsvRecords csv = new CsvRecords(new ByteArrayInputStream(bytes), 16, 1000);
                while (csv.next() != null) {
                    // read on to the problem
                }
            }).isInstanceOfSatisfying(CsvRecords.Malformed.class, e -> {
                assertThat(e.kind).isEqualTo(CsvRecords.Malformed.Kind.TOO_LONG);
                assertThat(e.line).isEqualTo(3);
            });
        }
        // up to the limit is read
        assertDoesNotThrow(() -> {
            CsvRecords csv = new CsvRecords(new ByteArrayInputStream(("a\n" + "y".repeat(990) + "\n").getBytes(StandardCharsets.UTF_8)), 16, 1000);
            assertThat(csv.next()).containsExactly("a");
            assertThat(csv.next()[0]).hasSize(990);
            assertThat(csv.next()).isNull();
        });
    }

    @Test
    void charactersAfterAClosingQuoteNameTheirLine() throws IOException {
        byte[] bytes = "a,b\r\n1,\"two\r\nlines\"x,3\r\n".getBytes(StandardCharsets.UTF_8);
        CsvRecords csv = new CsvRecords(new ByteArrayInputStream(bytes), 16);
        assertThat(csv.next()).containsExactly("a", "b");
        assertThatThrownBy(csv::next).isInstanceOfSatisfying(CsvRecords.Malformed.class, e -> {
            assertThat(e.kind).isEqualTo(CsvRecords.Malformed.Kind.AFTER_CLOSING_QUOTE);
            assertThat(e.line).isEqualTo(3);
        });
        assertThat(csv.record()).isEqualTo(1);
    }

    @Test
    void bytesThatAreNotUtf8StopTheReadingAtTheirRecord() throws IOException {
        byte[] head = "a,b\n1,ok\n2,".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[head.length + latin1.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(latin1, 0, bytes, head.length, latin1.length);
        CsvRecords csv = new CsvRecords(new ByteArrayInputStream(bytes), 16);
        assertThat(csv.next()).containsExactly("a", "b");
        assertThat(csv.next()).containsExactly("1", "ok");
        assertThatThrownBy(csv::next).isInstanceOf(CharacterCodingException.class);
        assertThat(csv.record()).isEqualTo(2);
    }

    @Test
    void aNulByteStopsTheReadingWithItsLine() throws IOException {
        for (String text : List.of("a,b\n1,x\u0000y\n", "a,b\n1,\"x\n\u0000\"\n", "a,b\n1,ស\u0000\n")) {
            CsvRecords csv = new CsvRecords(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 16);
            assertThat(csv.next()).containsExactly("a", "b");
            assertThatThrownBy(csv::next).as(text).isInstanceOfSatisfying(CsvRecords.Malformed.class, e -> {
                assertThat(e.kind).isEqualTo(CsvRecords.Malformed.Kind.NUL_BYTE);
                assertThat(e.line).isEqualTo(text.contains("\"") ? 3 : 2);
            });
        }
        // a file saved as UTF-16 without a byte-order mark: valid UTF-8 bytes, with a NUL after every ASCII letter
        byte[] utf16 = "household_code,village_code\n".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> read(utf16, 1 << 16)).isInstanceOf(CsvRecords.Malformed.class);
    }

    @Test
    void anEmptyFileHasNoRecords() throws IOException {
        assertThat(read(new byte[0], 16)).isEmpty();
        assertThat(read("\n\r\n\r".getBytes(StandardCharsets.UTF_8), 16)).isEmpty();
    }

    @Test
    void aStreamThatGivesOneByteAtATimeIsReadAlike() throws IOException {
        byte[] bytes = "h1,h2\n\"a\"\"b\",c\r\n\r\nd,\"e\nf\"\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(read(trickle, 16)).isEqualTo(read(bytes, 1 << 16)).containsExactly(new Read(1, List.of("h1", "h2")),
                new Read(2, List.of("a\"b", "c")), new Read(3, List.of("d", "e\nf")));
    }
}
