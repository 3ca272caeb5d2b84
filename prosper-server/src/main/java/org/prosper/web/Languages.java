package org.prosper.web;

import java.util.List;

/**
 * The interface languages offered in the switch, each named in its own script: English and Chinese, then the languages
 * of the member states where the cooperation's pilots and partners work, by their English names. Every one has every
 * message (MessageBundleTest).
 */
public final class Languages {

    public record Language(String tag, String name) {
    }

    public static final List<Language> OFFERED = List.of(
            new Language("en", "English"),
            new Language("zh", "中文"),
            new Language("my", "မြန်မာ"),
            new Language("id", "Bahasa Indonesia"),
            new Language("km", "ខ្មែរ"),
            new Language("lo", "ລາວ"),
            new Language("th", "ไทย"),
            new Language("vi", "Tiếng Việt"));

    private Languages() {
    }
}
