package org.prosper.measure.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} options, checked against the options a command knows. */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final boolean help;

    Options(List<String> args, Set<String> known) {
        boolean h = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) { h = true; continue; }
            if (!a.startsWith("--")) throw new UsageException("unexpected argument \"" + a + "\"");
            String name = a.substring(2), value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) { value = name.substring(eq + 1); name = name.substring(0, eq); }
            if (!known.contains(name)) throw new UsageException("unknown option --" + name);
            if (value == null) {
                if (i + 1 >= args.size()) throw new UsageException("option --" + name + " needs a value");
                value = args.get(++i);
            }
            if (values.put(name, value) != null) throw new UsageException("option --" + name + " given twice");
        }
        this.help = h;
    }

    boolean help() { return help; }

    String get(String name) { return values.get(name); }

    String get(String name, String dflt) { return values.getOrDefault(name, dflt); }

    boolean has(String name) { return values.containsKey(name); }

    String require(String name) {
        String v = values.get(name);
        if (v == null) throw new UsageException("missing required option --" + name);
        return v;
    }

    double number(String name) {
        String v = require(name);
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": \"" + v + "\" is not a number");
        }
    }

    int integer(String name, int dflt) {
        if (!has(name)) return dflt;
        try { return Integer.parseInt(get(name).trim()); }
        catch (NumberFormatException e) { throw new UsageException("option --" + name + ": \"" + get(name) + "\" is not an integer"); }
    }

    String choice(String name, String dflt, String... allowed) {
        String v = get(name, dflt);
        for (String a : allowed) if (a.equalsIgnoreCase(v)) return a;
        throw new UsageException("option --" + name + ": \"" + v + "\" is not one of " + String.join(", ", allowed));
    }
}
