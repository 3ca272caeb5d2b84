package org.prosper.platform;

/** A String's UTF-8 written straight into a byte array, escaped as COPY's text format needs while it is written (CopyRows). */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Writes {@code value}'s UTF-8 at {@code at} and returns the index after it; the array has room for 3 bytes per char.
     * A lone surrogate is written as '?', as String.getBytes does. With {@code copyTextEscapes}, backslash, tab, newline
     * and carriage return are escaped as COPY's text format needs (two bytes each, within the room given).
     */
    static int encode(String value, byte[] b, int at, boolean copyTextEscapes) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (copyTextEscapes && (c == '\\' || c == '\t' || c == '\n' || c == '\r')) {
                    b[at++] = '\\';
                    b[at++] = (byte) switch (c) {
                        case '\t' -> 't';
                        case '\n' -> 'n';
                        case '\r' -> 'r';
                        default -> '\\';
                    };
                } else {
                    b[at++] = (byte) c;
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
        return at;
    }
}
