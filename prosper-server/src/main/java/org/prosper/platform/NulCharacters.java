package org.prosper.platform;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Finds the texts of a request that hold a NUL character (U+0000). JSON and forms may carry one, but no text column
 * of PostgreSQL can store it: the statement would fail with an encoding error after the request had been accepted.
 * Walks what request bodies are made of: strings, records, collections, maps, arrays and JSON trees. File readers ask
 * per value, so as to name the row and column.
 */
public final class NulCharacters {

    /** Request bodies are trees a few levels deep; a deeper one is not walked further. */
    private static final int MAX_DEPTH = 32;

    private NulCharacters() {
    }

    public static boolean in(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /**
     * Whether a failed statement was PostgreSQL refusing a NUL character (invalid byte sequence 0x00 for a text,
     * an unsupported escape for a JSON value): what reaches the database past the request checks, from a file.
     */
    public static boolean refusedByDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))
                    && sql.getMessage() != null && (sql.getMessage().contains("0x00") || sql.getMessage().contains("\\u0000"))) {
                return true;
            }
        }
        return false;
    }

    /** What a text holds that cannot be stored, for messages: "column x contains " + WHAT. */
    public static final String WHAT = "a NUL character (U+0000), which no text can hold";

    /** A text as a message shows it: a NUL as '?'. */
    public static String shown(String text) {
        return text.replace('\0', '?');
    }

    /** Column {@code index} of a table as a message names it: its header (shown), or its 1-based number past the header. */
    public static String column(List<String> header, int index) {
        return index < header.size() ? shown(header.get(index)) : String.valueOf(index + 1);
    }

    /** The index of the first of the values that holds a NUL character, or -1. */
    public static int firstIn(List<String> values) {
        for (int i = 0; i < values.size(); i++) if (in(values.get(i))) return i;
        return -1;
    }

    /** Where in the value (field paths like {@code members[1].fullName}) a text holds a NUL character; empty if nowhere. */
    public static List<String> paths(Object value) {
        List<String> found = new ArrayList<>();
        walk(value, "", found, 0);
        return found;
    }

    private static void walk(Object value, String path, List<String> found, int depth) {
        if (value == null || depth > MAX_DEPTH) return;
        switch (value) {
            case String s -> {
                if (in(s)) found.add(path);
            }
            case JsonNode node -> json(node, path, found, depth);
            case Collection<?> items -> {
                int i = 0;
                for (Object item : items) walk(item, path + "[" + i++ + "]", found, depth + 1);
            }
            case Map<?, ?> map -> map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (in(key)) found.add(child(path, key));
                walk(v, child(path, key), found, depth + 1);
            });
            case Record r -> {
                for (RecordComponent c : r.getClass().getRecordComponents()) walk(component(r, c), child(path, c.getName()), found, depth + 1);
            }
            default -> {
                if (value.getClass().isArray() && !value.getClass().componentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(value); i++) walk(Array.get(value, i), path + "[" + i + "]", found, depth + 1);
                }
            }
        }
    }

    private static void json(JsonNode node, String path, List<String> found, int depth) {
        if (node.isString()) {
            if (in(node.asString())) found.add(path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), path + "[" + i + "]", found, depth + 1);
        } else if (node.isObject()) {
            for (var field : node.properties()) {
                if (in(field.getKey())) found.add(child(path, field.getKey()));
                walk(field.getValue(), child(path, field.getKey()), found, depth + 1);
            }
        }
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
