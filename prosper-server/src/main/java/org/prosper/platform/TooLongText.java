package org.prosper.platform;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text the database refused as longer than its column. Services check the lengths users type; this is the answer
 * for one that came past them, so that the user learns what to shorten instead of getting a server error. The
 * statement failed whole and its transaction rolled back: nothing of the request was kept.
 */
public final class TooLongText {

    /** SQLSTATE string data, right truncation: H2 and PostgreSQL both say it this way. */
    private static final String RIGHT_TRUNCATION = "22001";
    /** H2: Value too long for column "review_comment CHARACTER VARYING(2000)": "'...' (3000)" */
    private static final Pattern H2 = Pattern.compile("column \"([^\" ]+) [^\"]*?\\((\\d+)\\)\"(?:: \"[\\s\\S]*\\((\\d+)\\)\")?");
    /** PostgreSQL: value too long for type character varying(2000) */
    private static final Pattern POSTGRES = Pattern.compile("too long for type [a-z ]+\\((\\d+)\\)");

    private TooLongText() {
    }

    /** The message for a user if {@code failure} is the database refusing a text as too long for its column. */
    public static Optional<String> refusedByDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && RIGHT_TRUNCATION.equals(sql.getSQLState())) return Optional.of(message(sql.getMessage()));
        }
        return Optional.empty();
    }

    static String message(String databaseMessage) {
        String m = databaseMessage == null ? "" : databaseMessage;
        Matcher h2 = H2.matcher(m);
        if (h2.find()) {
            return String.format(Locale.ROOT, "%s: a text of %s characters where at most %,d fit: nothing was saved; shorten it and try again",
                    h2.group(1).toLowerCase(Locale.ROOT), h2.group(3) == null ? "more" : String.format(Locale.ROOT, "%,d", Long.parseLong(h2.group(3))),
                    Long.parseLong(h2.group(2)));
        }
        Matcher pg = POSTGRES.matcher(m);
        if (pg.find()) {
            return String.format(Locale.ROOT, "a text is longer than the %,d characters its field holds: nothing was saved; shorten it and try again",
                    Long.parseLong(pg.group(1)));
        }
        return "a text is longer than its field holds: nothing was saved; shorten it and try again";
    }
}
