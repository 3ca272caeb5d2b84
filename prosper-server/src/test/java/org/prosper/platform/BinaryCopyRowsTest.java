package org.prosper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bytes against the binary COPY format as PostgreSQL's manual describes it (the import tests load them for real). */
class BinaryCopyRowsTest {

    /** The expected bytes, written field by field with DataOutputStream (big-endian, as the format is). */
    private static final class Expected {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        Expected() throws IOException {
            out.write("PGCOPY\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {(byte) 0xFF, '\r', '\n', 0});
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
        }

        Expected value(byte[] value) throws IOException {
            out.writeInt(value.length);
            out.write(value);
            return this;
        }

        byte[] end() throws IOException {
            out.writeShort(-1);
            return bytes.toByteArray();
        }
    }

    private static byte[] ints(int... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        for (int v : values) out.writeInt(v);
        return b.toByteArray();
    }

    private static byte[] longs(long v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataOutputStream(b).writeLong(v);
        return b.toByteArray();
    }

    /** The blocks of a take, one after the other. */
    private static byte[] joined(List<byte[]> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b : blocks) out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void everyTypeInItsBinaryFormAndNullAsLengthMinusOne() throws IOException {
        BinaryCopyRows rows = new BinaryCopyRows();
        rows.row(12);
        rows.int8(-2L);
        rows.int8((Long) null);
        rows.int4(2025);
        rows.int4((Integer) null);
        rows.float8(32.5);
        rows.float8(null);
        rows.bool(true);
        rows.bool(false);
        rows.date(LocalDate.of(2000, 1, 1));
        rows.date(LocalDate.of(1963, 12, 6));
        rows.text("ចាន់ \uD83D\uDE00 lone \uD83D");
        rows.text(null);
        rows.row(1);
        rows.text("");

        Expected e = new Expected();
        e.out.writeShort(12);
        e.value(longs(-2));
        e.out.writeInt(-1);
        e.value(ints(2025));
        e.out.writeInt(-1);
        e.value(longs(Double.doubleToLongBits(32.5)));
        e.out.writeInt(-1);
        e.value(new byte[] {1});
        e.value(new byte[] {0});
        e.value(ints(0));
        e.value(ints((int) (LocalDate.of(1963, 12, 6).toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay())));
        e.value("ចាន់ \uD83D\uDE00 lone ?".getBytes(StandardCharsets.UTF_8));
        e.out.writeInt(-1);
        e.out.writeShort(1);
        e.value(new byte[0]);
        assertThat(joined(rows.take())).isEqualTo(e.end());

        rows.row(1);
        rows.int4(7);
        assertThat(joined(rows.take())).as("each take is one whole COPY").isEqualTo(withRowCount(new Expected(), 1, ints(7)));
    }

    private static byte[] withRowCount(Expected e, int count, byte[] value) throws IOException {
        e.out.writeShort(count);
        e.value(value);
        return e.end();
    }

    @Test
    void aRowHoldsExactlyTheValuesItAnnounced() {
        BinaryCopyRows rows = new BinaryCopyRows(16);
        assertThatThrownBy(() -> rows.int4(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("start a row");
        rows.row(2);
        rows.int4(1);
        assertThatThrownBy(() -> rows.row(2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks 1 values");
        assertThatThrownBy(rows::take).isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks 1 values");
        rows.text("x");
        assertThatThrownBy(() -> rows.bool(true)).isInstanceOf(IllegalStateException.class);
        assertThat(joined(rows.take())).as("a refused value leaves the rows as they were").hasSize(19 + 2 + 8 + 5 + 2);
    }

    @Test
    void smallBlocksHoldTheSameBytesWithNoValueSplitBetweenTwo() {
        List<String> texts = List.of("ចាន់ សុភា", "王小红", "x", "", "a longer text of forty characters or so..");
        BinaryCopyRows whole = new BinaryCopyRows(1 << 20);
        BinaryCopyRows small = new BinaryCopyRows(24);
        for (BinaryCopyRows rows : List.of(whole, small)) {
            for (int r = 0; r < 50; r++) {
                rows.row(4);
                rows.int8((long) r);
                rows.text(texts.get(r % texts.size()));
                rows.date(LocalDate.of(1950, 1, 1).plusDays(r * 400L));
                rows.float8(r / 8.0);
            }
        }
        List<byte[]> blocks = small.take();
        assertThat(joined(blocks)).isEqualTo(joined(whole.take()));
        assertThat(blocks.size()).isGreaterThan(50);
        int header = BinaryCopyRows.HEADER_BYTES;
        assertThat(blocks.getFirst()).hasSizeGreaterThanOrEqualTo(header);
        for (byte[] block : blocks.subList(1, blocks.size() - 1)) {
            // a block holds whole values only: it starts with a row's value count (4) or a value's length
            int first = (block[0] & 0xff) << 8 | block[1] & 0xff;
            assertThat(first == 4 || first == 0).as("a block starts at a row or a value").isTrue();
        }
    }
}
