package org.prosper.platform;

import java.util.Arrays;

/**
 * Rows in PostgreSQL COPY's text format, encoded to UTF-8 as they are written: values separated by tabs, rows ended by a
 * newline, backslash, tab, newline and carriage return escaped, null as \N. Bulk writes (a national monitoring run's
 * alerts, a registry import's households and persons) hold text in many scripts; building it as Java strings and
 * encoding it afterwards cost as much again. A String's own UTF-8 (a lone surrogate as '?') is kept.
 */
public final class CopyRows {

    private byte[] bytes;
    private int size;

    public CopyRows(int capacity) {
        bytes = new byte[capacity];
    }

    public int size() {
        return size;
    }

    /** The bytes written so far; starts again empty. */
    public byte[] take() {
        byte[] taken = Arrays.copyOf(bytes, size);
        size = 0;
        return taken;
    }

    /** A text value, then a tab. */
    public void text(String value) {
        if (value == null) {
            nothing();
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
    public void number(long value) {
        digits(value);
        bytes[size++] = '\t';
    }

    /** A number, the row's last value, then the newline. */
    public void last(long value) {
        digits(value);
        bytes[size++] = '\n';
    }

    /** A number or null, then a tab. */
    public void number(Long value) {
        if (value == null) nothing();
        else number(value.longValue());
    }

    /** A number or null, then a tab. */
    public void number(Integer value) {
        if (value == null) nothing();
        else number(value.longValue());
    }

    /** A floating-point number (as {@link Double#toString(double)} writes it) or null, then a tab. */
    public void number(Double value) {
        if (value == null) {
            nothing();
            return;
        }
        String s = value.toString();
        room(s.length() + 1);
        for (int i = 0; i < s.length(); i++) bytes[size++] = (byte) s.charAt(i);
        bytes[size++] = '\t';
    }

    /** A boolean (t or f) or null, then a tab. */
    public void bool(Boolean value) {
        if (value == null) {
            nothing();
            return;
        }
        room(2);
        bytes[size++] = (byte) (value ? 't' : 'f');
        bytes[size++] = '\t';
    }

    /** Ends the row after its last value (written with a tab after it, as every value is). */
    public void endRow() {
        if (size == 0 || bytes[size - 1] != '\t') throw new IllegalStateException("a row ends after a value");
        bytes[size - 1] = '\n';
    }

    private void nothing() {
        room(3);
        bytes[size++] = '\\';
        bytes[size++] = 'N';
        bytes[size++] = '\t';
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
