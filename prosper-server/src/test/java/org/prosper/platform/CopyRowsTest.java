package org.prosper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CopyRowsTest {

    @Test
    void textIsTheStringsOwnUtf8WithCopysEscapes() {
        List<String> texts = Arrays.asList("plain", "", "tab\there", "line\nbreak\r", "back\\slash", "ascii ~\u007f",
                "é and ß", "近12个月医疗自付费用36,639CNY、", "ភាពក្រីក្រ", "\uD83D\uDE00 emoji", "lone \uD83D high", "lone \uDE00 low", "end \uD83D", null);
        CopyRows rows = new CopyRows(4); // grows as needed
        StringBuilder expected = new StringBuilder();
        for (String t : texts) {
            rows.text(t);
            expected.append(t == null ? "\\N" : t.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")).append('\t');
        }
        for (long n : new long[] {0, 7, -1, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            rows.number(n);
            expected.append(n).append('\t');
        }
        rows.last(-42);
        expected.append("-42\n");
        assertThat(rows.size()).isEqualTo(utf8(expected).length);
        assertThat(rows.take()).isEqualTo(utf8(expected));
        assertThat(rows.size()).isZero();
        rows.last(5);
        assertThat(rows.take()).isEqualTo(utf8("5\n"));
    }

    @Test
    void numbersBooleansAndNullsAsCopyReadsThem() {
        CopyRows rows = new CopyRows(2);
        rows.number((Long) null);
        rows.number(12L);
        rows.number((Integer) null);
        rows.number(Integer.valueOf(-3));
        rows.number((Double) null);
        rows.number(0.25);
        rows.number(1.0e7);
        rows.number(-12.5);
        rows.bool(null);
        rows.bool(true);
        rows.bool(false);
        rows.text("last");
        rows.endRow();
        rows.number(1L);
        rows.endRow();
        assertThat(rows.take()).isEqualTo(utf8("\\N\t12\t\\N\t-3\t\\N\t0.25\t1.0E7\t-12.5\t\\N\tt\tf\tlast\n1\n"));
    }

    @Test
    void aRowEndsOnlyAfterAValue() {
        CopyRows rows = new CopyRows(8);
        assertThatThrownBy(rows::endRow).isInstanceOf(IllegalStateException.class);
        rows.last(1);
        assertThatThrownBy(rows::endRow).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] utf8(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
