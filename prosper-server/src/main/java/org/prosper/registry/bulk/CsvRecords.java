package org.prosper.registry.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a UTF-8 CSV file (RFC 4180, as spreadsheet programs write it), read from its bytes. Fields are split
 * on the bytes (the delimiter, quote and line ends are ASCII, which never occurs inside a UTF-8 sequence) and only then
 * made into strings, an ASCII field by a plain copy. The registry's import reads national files of a few hundred MB
 * with it: commons-csv decoded every character through three readers and rebuilt every field in a StringBuilder, and
 * parsing was a third of the import's Java time (7 of 21 CPU-s at 1,000,000 households).
 *
 * <p>As commons-csv's default format read them before: records end at CRLF, LF or CR; an empty line is skipped and not
 * counted; a quote opens a quoted field only as its first character, and {@code ""} inside is one quote; after the
 * closing quote only spaces may come before the delimiter or the line end. A quoted field that never closes, other
 * characters after a closing quote, a value over 1 MB and a NUL byte stop the reading with {@link Malformed}, which says
 * where; bytes that are not UTF-8 with a {@link CharacterCodingException}.
 */
final class CsvRecords {

    /** Why the file cannot be read on; {@code line} is the file's line (1 is the first) where the problem is. */
    static final class Malformed extends IOException {
        enum Kind { UNCLOSED_QUOTE, AFTER_CLOSING_QUOTE, TOO_LONG, NUL_BYTE }

        final Kind kind;
        final long line;

        Malformed(Kind kind, long line) {
            super(kind + " at line " + line);
            this.kind = kind;
            this.line = line;
        }
    }

    private static final byte QUOTE = '"', CR = '\r', LF = '\n';
    private static final int FIRST_LINE_SCAN = 1 << 15;
    /** The longest value read: a registry value is a few hundred characters at most; longer is a missing quote or not CSV. */
    static final int MAX_FIELD_BYTES = 1 << 20;

    private final InputStream in;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final List<String> fields = new ArrayList<>();
    private byte[] buf;
    private int pos, end;
    private boolean eof;
    private long line = 1;
    private long records;
    private final byte delimiter;
    private final int maxFieldBytes;

    CsvRecords(InputStream in) throws IOException {
        this(in, 1 << 16, MAX_FIELD_BYTES);
    }

    CsvRecords(InputStream in, int bufferBytes) throws IOException {
        this(in, bufferBytes, MAX_FIELD_BYTES);
    }

    CsvRecords(InputStream in, int bufferBytes, int maxFieldBytes) throws IOException {
        this.in = in;
        this.maxFieldBytes = maxFieldBytes;
        this.buf = new byte[Math.max(bufferBytes, 16)];
        int scan = Math.min(buf.length, FIRST_LINE_SCAN);
        while (end < scan && !hasLineEnd() && fill()) {
            // the first line (or its first 32 KB) is read, to choose the delimiter
        }
        if (end - pos >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) pos = 3;
        this.delimiter = (byte) chooseDelimiter();
    }

    private boolean hasLineEnd() {
        for (int i = pos; i < end; i++) {
            if (buf[i] == LF || buf[i] == CR) return true;
        }
        return false;
    }

    /** The file's delimiter. */
    char delimiter() {
        return (char) delimiter;
    }

    /** One of comma, semicolon or tab: the one the first line uses most (comma if none). */
    private char chooseDelimiter() {
        int commas = 0, semicolons = 0, tabs = 0;
        for (int i = pos; i < end && buf[i] != LF && buf[i] != CR; i++) {
            switch (buf[i]) {
                case ',' -> commas++;
                case ';' -> semicolons++;
                case '\t' -> tabs++;
                default -> { }
            }
        }
        if (semicolons > commas && semicolons >= tabs) return ';';
        if (tabs > commas && tabs > semicolons) return '\t';
        return ',';
    }

    /** The number of the record {@link #next} returned last (the first record is 1; empty lines are not counted). */
    long record() {
        return records;
    }

    /** The next record's fields, or null at the end of the file. */
    String[] next() throws IOException {
        while (true) {
            if (pos >= end && !fill()) return null;
            byte b = buf[pos];
            if (b != LF && b != CR) break;
            endOfLine();
        }
        fields.clear();
        while (buf[pos] == QUOTE ? quoted() : plain()) {
            // one field at a time, until the record's end
        }
        records++;
        return fields.toArray(String[]::new);
    }

    /** Reads an unquoted field at {@code pos}; returns whether another field of the record follows. */
    private boolean plain() throws IOException {
        int start = pos, i = pos;
        while (true) {
            for (; i < end; i++) {
                byte b = buf[i];
                if (b == delimiter) {
                    fields.add(text(start, i));
                    pos = i + 1;
                    return nextField();
                }
                if (b == LF || b == CR) {
                    fields.add(text(start, i));
                    pos = i;
                    endOfLine();
                    return false;
                }
            }
            int scanned = i - start;
            start = keep(start, line);
            i = start + scanned;
            if (!fill()) {
                fields.add(text(start, end));
                pos = end;
                return false;
            }
        }
    }

    /** Reads a quoted field, its opening quote at {@code pos}; returns whether another field of the record follows. */
    private boolean quoted() throws IOException {
        long openedOn = line;
        int start = ++pos, i = start;
        boolean doubled = false, afterCr = false;
        while (true) {
            if (i >= end) {
                int scanned = i - start;
                start = keep(start, openedOn);
                i = start + scanned;
                if (!fill()) throw new Malformed(Malformed.Kind.UNCLOSED_QUOTE, openedOn);
            }
            byte b = buf[i];
            if (b == QUOTE) {
                if (i + 1 >= end) { // the byte after a quote decides whether it closes the field
                    int scanned = i - start;
                    start = keep(start, openedOn);
                    i = start + scanned;
                    if (fill()) continue;
                    break;
                }
                if (buf[i + 1] != QUOTE) break;
                doubled = true;
                i += 2;
                afterCr = false;
                continue;
            }
            if (b == CR || (b == LF && !afterCr)) line++;
            afterCr = b == CR;
            i++;
        }
        String value = text(start, i);
        fields.add(doubled ? value.replace("\"\"", "\"") : value);
        pos = i + 1;
        while (true) {
            if (pos >= end && !fill()) return false;
            byte b = buf[pos];
            if (b == delimiter) {
                pos++;
                return nextField();
            }
            if (b == LF || b == CR) {
                endOfLine();
                return false;
            }
            if (b != ' ' && b != '\t' && b != 0x0B && b != '\f') throw new Malformed(Malformed.Kind.AFTER_CLOSING_QUOTE, line);
            pos++;
        }
    }

    /** After a delimiter: whether a field follows on this line; a delimiter that ends the file leaves an empty one. */
    private boolean nextField() throws IOException {
        if (pos < end || fill()) return true;
        fields.add("");
        return false;
    }

    /** Consumes the line end at {@code pos} (CRLF, LF or CR). */
    private void endOfLine() throws IOException {
        byte b = buf[pos++];
        if (b == CR && (pos < end || fill()) && buf[pos] == LF) pos++;
        line++;
    }

    /**
     * Moves the bytes of the field being read, from {@code from} on, to the buffer's start (growing it when they fill half
     * of it), so that they stay together across a refill; returns where {@code from} is now (0). A field that started
     * on {@code fieldLine} and grew past the longest value allowed stops the reading (memory stays bounded).
     */
    private int keep(int from, long fieldLine) throws Malformed {
        int n = end - from;
        if (n > maxFieldBytes) throw new Malformed(Malformed.Kind.TOO_LONG, fieldLine);
        if (n >= buf.length / 2) buf = Arrays.copyOf(buf, buf.length * 2);
        System.arraycopy(buf, from, buf, 0, n);
        pos -= from;
        end = n;
        return 0;
    }

    /**
     * Reads more of the file after {@code end} (from the buffer's start when all was read); false at the file's end.
     * Within a field the caller has moved its bytes to the buffer's start first ({@link #keep}), which leaves room.
     */
    private boolean fill() throws IOException {
        if (eof) return false;
        if (pos >= end) {
            pos = 0;
            end = 0;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    /** A field's text; a NUL byte (which no database text holds: a UTF-16 or binary file) stops the reading. */
    private String text(int from, int to) throws IOException {
        if (from == to) return ""; // most fields of a member's row are empty (the household's columns)
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b <= 0) {
                if (b == 0) throw new Malformed(Malformed.Kind.NUL_BYTE, line);
                return utf8(from, to);
            }
        }
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private String utf8(int from, int to) throws IOException {
        String text = strict.decode(ByteBuffer.wrap(buf, from, to - from)).toString();
        if (text.indexOf('\0') >= 0) throw new Malformed(Malformed.Kind.NUL_BYTE, line);
        return text;
    }
}
