package org.prosper.web;

import java.util.List;

/** The interface languages offered in the switch, each named in its own script. */
public final class Languages {

    public record Language(String tag, String name) {
    }

    public static final List<Language> OFFERED = List.of(
            new Language("en", "English"),
            new Language("zh", "中文"));

    private Languages() {
    }
}
