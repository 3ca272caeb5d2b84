package org.prosper.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.springframework.context.MessageSource;

/**
 * Problems with what a user entered, said in the reader's language. A problem is a key of the {@code messages/problems}
 * bundle with its values as text; its English text, from the same bundle, is what the API answers and what files
 * (the rejected rows of an import) carry, so a page in Khmer and an API client read the same problem.
 */
public final class ProblemMessages {

    private static final String ENGLISH = "messages/problems.properties";
    private static final Properties TEXTS = load();

    private ProblemMessages() {
    }

    /** The values of a problem as text: numbers and dates as written in the API, with digits 0-9. */
    public static List<String> args(Object... values) {
        return Arrays.stream(values).map(String::valueOf).toList();
    }

    /** The English text of a problem; an unknown key is a programming error. */
    public static String english(String key, List<String> args) {
        String pattern = TEXTS.getProperty(key);
        if (pattern == null) throw new IllegalArgumentException("no problem text " + key + " in " + ENGLISH);
        // as Spring shows messages: formatted (and '' undone) only when there are values to fill in
        return args.isEmpty() ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args.toArray());
    }

    /** The problem in the reader's language; a problem without a key (stored before keys, or from elsewhere) as it was said. */
    public static String in(MessageSource messages, Locale locale, String key, List<String> args, String message) {
        if (key == null) return message;
        return messages.getMessage(key, args == null ? null : args.toArray(), message, locale);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ProblemMessages.class.getClassLoader().getResourceAsStream(ENGLISH)) {
            if (in == null) throw new IllegalStateException(ENGLISH + " is not on the class path");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
