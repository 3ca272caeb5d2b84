package org.prosper.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.prosper.platform.Clip;

/**
 * The XPath subset XLSForms use: ${name} references, paths, literals, comparison, and/or, arithmetic and function
 * calls. Checks syntax and references when a form is published, and turns ${name} into the node's absolute path.
 */
public final class Expressions {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

    private Expressions() {
    }

    /** The names referenced as ${name}, in order. */
    public static List<String> references(String expression) {
        List<String> names = new ArrayList<>();
        Matcher m = REFERENCE.matcher(expression);
        while (m.find()) names.add(m.group(1).trim());
        return names;
    }

    /** Replaces every ${name} by " /root/path/name " as pyxform writes it. */
    public static String toXPath(String expression, Function<String, String> absolutePath) {
        Matcher m = REFERENCE.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(" " + absolutePath.apply(m.group(1).trim()) + " "));
        m.appendTail(out);
        return out.toString();
    }

    /** Null when the expression is well formed and refers only to known names; otherwise what is wrong. */
    public static String check(String expression, Set<String> names) {
        for (String ref : references(expression)) {
            if (!names.contains(ref)) return "${" + ref + "} refers to no question in the form";
        }
        try {
            Parser p = new Parser(tokens(REFERENCE.matcher(expression).replaceAll("/ref")));
            p.or();
            if (p.pos < p.tokens.size()) throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.pos) + "'");
            return null;
        } catch (IllegalArgumentException e) {
            return "'" + Clip.clip(expression, 120) + "' is not a valid expression: " + e.getMessage();
        }
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) throw new IllegalArgumentException("a text in quotes is not closed");
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) j++;
                out.add(s.substring(i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == '/' || c == '.' || c == '@') {
                int j = i;
                // a path or a name: letters, digits, / . _ - : @ (but '-' only inside a name, so "a - b" stays arithmetic)
                while (j < s.length()) {
                    char d = s.charAt(j);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '/' || d == '.' || d == ':' || d == '@'
                            || (d == '-' && j > i && j + 1 < s.length() && Character.isLetterOrDigit(s.charAt(j + 1)) && Character.isLetterOrDigit(s.charAt(j - 1)))) {
                        j++;
                    } else {
                        break;
                    }
                }
                out.add(s.substring(i, j));
                i = j;
            } else if (s.startsWith("!=", i) || s.startsWith("<=", i) || s.startsWith(">=", i)) {
                out.add(s.substring(i, i + 2));
                i += 2;
            } else if ("=<>+-*(),|[]".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "'");
            }
        }
        return out;
    }

    /**
     * How deep brackets, calls, predicates and signs may nest. Forms nest a few levels; a cell of thousands of brackets
     * would otherwise run the parser's stack out (a server error for the designer instead of the cell's row and column).
     */
    static final int MAX_DEPTH = 100;

    private static final class Parser {
        final List<String> tokens;
        int pos;
        int depth;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        String peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        boolean accept(String t) {
            if (t.equals(peek())) {
                pos++;
                return true;
            }
            return false;
        }

        void or() {
            deeper();
            and();
            while (accept("or")) and();
            depth--;
        }

        void deeper() {
            if (++depth > MAX_DEPTH) throw new IllegalArgumentException("it nests more than " + MAX_DEPTH + " levels deep");
        }

        void and() {
            comparison();
            while (accept("and")) comparison();
        }

        void comparison() {
            additive();
            while (accept("=") || accept("!=") || accept("<") || accept("<=") || accept(">") || accept(">=")) additive();
        }

        void additive() {
            multiplicative();
            while (accept("+") || accept("-")) multiplicative();
        }

        void multiplicative() {
            unary();
            while (accept("*") || accept("div") || accept("mod")) unary();
        }

        void unary() {
            if (accept("-")) {
                deeper();
                unary();
                depth--;
                return;
            }
            union();
        }

        void union() {
            primary();
            while (accept("|")) primary();
        }

        void primary() {
            String t = peek();
            if (t == null) throw new IllegalArgumentException("it ends too early");
            pos++;
            if (t.equals("(")) {
                or();
                expect(")");
            } else if (t.startsWith("'") || t.startsWith("\"") || Character.isDigit(t.charAt(0))
                    || (t.length() > 1 && t.charAt(0) == '.' && Character.isDigit(t.charAt(1)))) {
                if (Character.isDigit(t.charAt(0)) && t.chars().filter(ch -> ch == '.').count() > 1) {
                    throw new IllegalArgumentException("'" + t + "' is not a number");
                }
            } else if (Character.isLetter(t.charAt(0)) && "(".equals(peek()) && !t.contains("/")) {
                pos++;
                if (!accept(")")) {
                    or();
                    while (accept(",")) or();
                    expect(")");
                }
                predicates();
            } else if (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_' || t.charAt(0) == '/' || t.charAt(0) == '.' || t.charAt(0) == '@') {
                if (t.equals("and") || t.equals("or") || t.equals("div") || t.equals("mod")) {
                    throw new IllegalArgumentException("'" + t + "' needs something before it");
                }
                predicates();
            } else {
                throw new IllegalArgumentException("unexpected '" + t + "'");
            }
        }

        void predicates() {
            while (accept("[")) {
                or();
                expect("]");
                if (peek() != null && peek().startsWith("/")) pos++;
            }
        }

        void expect(String t) {
            if (!accept(t)) throw new IllegalArgumentException("expected '" + t + "'" + (peek() == null ? " at the end" : " before '" + peek() + "'"));
        }
    }
}
