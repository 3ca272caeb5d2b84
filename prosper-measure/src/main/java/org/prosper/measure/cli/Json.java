package org.prosper.measure.cli;

import java.util.List;
import java.util.Map;

/**
 * Minimal JSON writer for the command line's output. Doubles print with Double.toString (shortest representation
 * that round-trips, since JDK 19), so results keep full precision; NaN and infinities print as null.
 */
final class Json {
    private Json() { }

    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        switch (v) {
            case null -> sb.append("null");
            case Double d -> number(sb, d);
            case Float f -> number(sb, f.doubleValue());
            case Integer i -> sb.append(i);
            case Long l -> sb.append(l);
            case Boolean b -> sb.append(b);
            case String s -> string(sb, s);
            case double[] arr -> {
                sb.append('[');
                for (int i = 0; i < arr.length; i++) { if (i > 0) sb.append(", "); number(sb, arr[i]); }
                sb.append(']');
            }
            case Map<?, ?> m -> {
                if (m.isEmpty()) { sb.append("{}"); return; }
                sb.append("{\n");
                int k = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    pad(sb, indent + 2);
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), indent + 2);
                    if (++k < m.size()) sb.append(',');
                    sb.append('\n');
                }
                pad(sb, indent);
                sb.append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) { sb.append("[]"); return; }
                sb.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    pad(sb, indent + 2);
                    write(sb, list.get(i), indent + 2);
                    if (i + 1 < list.size()) sb.append(',');
                    sb.append('\n');
                }
                pad(sb, indent);
                sb.append(']');
            }
            default -> string(sb, v.toString());
        }
    }

    static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) sb.append("null");
        else sb.append(Double.toString(d));
    }

    private static void pad(StringBuilder sb, int n) { sb.append(" ".repeat(n)); }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
