package org.prosper.monitoring;

import java.util.Arrays;

/**
 * Rows in COPY's text format, encoded to UTF-8 as they are written: values separated by tabs, rows ended by a newline,
 * backslash, tab, newline and carriage return escaped, null as \N. A first national run writes hundreds of thousands
 * of alerts with Chinese reasons; building their text as Java strings and encoding it afterwards cost as much again.
 * A String's own UTF-8 (a lone surrogate as '?') is kept.
 */
final class CopyRows {

    private byte[] bytes;
    private int size;

    CopyRows(int capacity) {
        bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    /** The bytes written so far; starts again empty. */
    byte[] take() {
        byte[] taken = Arrays.copyOf(bytes, size);
        size = 0;
        return taken;
    }

    /** A text value, then a tab. */
    void text(String value) {
        if (value == null) {
            room(3);
            bytes[size++] = '\\';
            bytes[size++] = 'N';
            bytes[size++] = '\t';
            return;
        }
        int n = value.length();
        room(3 * n + 1);
        byte[] b = bytes;
        int at = size;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { b[at++] = '\\'; b[at++] = '\\'; }
                    case '\t' -> { b[at++] = '\\'; b[at++] = 't'; }
                    case '\n' -> { b[at++] = '\\'; b[at++] = 'n'; }
                    case '\r' -> { b[at++] = '\\'; b[at++] = 'r'; }
                    default -> b[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, value.charAt(++i));
                    b[at++] = (byte) (0xF0 | cp >> 18);
                    b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[at++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[at++] = '?';
                }
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        b[at++] = '\t';
        size = at;
    }

    /** A number, then a tab. */
    void number(long value) {
        digits(value);
        bytes[size++] = '\t';
    }

    /** A number, the row's last value, then the newline. */
    void last(long value) {
        digits(value);
        bytes[size++] = '\n';
    }

    private void digits(long value) {
        room(21);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                for (byte c : Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII)) bytes[size++] = c;
                return;
            }
            bytes[size++] = '-';
            value = -value;
        }
        int start = size;
        do {
            bytes[size++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
    }

    private void room(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
