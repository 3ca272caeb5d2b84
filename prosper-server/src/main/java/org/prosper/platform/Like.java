package org.prosper.platform;

/**
 * User text inside a LIKE pattern: '%' and '_' typed by a user are letters to match, not wildcards (a search for
 * "50%" or a household code with '_' finds what it says, and a leading '%' does not turn a prefix search on an indexed
 * code into a scan of the registry). Use with {@code like ? escape '\'}, the same on H2 and PostgreSQL.
 */
public final class Like {

    /** The SQL after a LIKE's parameter: the escape character {@link #literal} uses. */
    public static final String ESCAPE = " escape '\\'";

    private Like() {
    }

    /** The text with LIKE's special characters escaped, to be put between the caller's own wildcards. */
    public static String literal(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') b.append('\\');
            b.append(c);
        }
        return b.toString();
    }
}
