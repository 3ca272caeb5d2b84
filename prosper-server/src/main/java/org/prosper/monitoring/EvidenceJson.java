package org.prosper.monitoring;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * An alert's evidence as JSON text, written by hand: a first national run writes hundreds of thousands of alerts, and
 * a general-purpose mapper costs more per alert than the rules do. The text is the mapper's own for the values
 * evidence holds (maps, lists, strings, numbers, booleans, null); anything else is handed to the mapper.
 */
final class EvidenceJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EvidenceJson() {
    }

    /** Thrown on a value this writer leaves to the mapper; no stack trace, it is not an error. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    static String write(Object value, JsonMapper json) {
        StringBuilder s = new StringBuilder(512);
        try {
            write(s, value);
            return s.toString();
        } catch (Unsupported e) {
            return json.writeValueAsString(value);
        }
    }

    /**
     * Appends the value's JSON text to {@code s} and returns true, or returns false (leaving {@code s} in between) when it
     * holds a value this writer leaves to the mapper.
     */
    static boolean append(StringBuilder s, Object value) {
        try {
            write(s, value);
            return true;
        } catch (Unsupported e) {
            return false;
        }
    }

    private static void write(StringBuilder s, Object value) {
        switch (value) {
            case null -> s.append("null");
            case String text -> string(s, text);
            case Integer i -> s.append(i.intValue());
            case Long l -> s.append(l.longValue());
            case Double d when Double.isFinite(d) -> s.append(d.doubleValue());
            case Boolean b -> s.append(b.booleanValue());
            case Map<?, ?> map -> {
                s.append('{');
                boolean first = true;
                for (var e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) throw UNSUPPORTED;
                    if (!first) s.append(',');
                    first = false;
                    string(s, key);
                    s.append(':');
                    write(s, e.getValue());
                }
                s.append('}');
            }
            case List<?> list -> {
                s.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) s.append(',');
                    write(s, list.get(i));
                }
                s.append(']');
            }
            default -> throw UNSUPPORTED;
        }
    }

    /** A JSON string as the mapper writes it: quote, backslash and control characters escaped, nothing else. */
    static void string(StringBuilder s, String text) {
        s.append('"');
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            s.append(text, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> s.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        s.append(text, from, text.length()).append('"');
    }
}
