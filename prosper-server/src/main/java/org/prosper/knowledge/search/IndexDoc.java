package org.prosper.knowledge.search;

import java.util.List;

/**
 * What the index holds for one searchable item: an expert, a practice case, a document or a programme. The database
 * is the source of truth; an IndexDoc is always built from a committed row.
 *
 * @param type       expert, practice, document or programme
 * @param languages  every language of the item, the first being its main one
 * @param visibility PUBLIC, PARTNERS or ADMINS
 * @param ownerUserId the user who may always see the item (an expert's own profile), or null
 */
public record IndexDoc(String type, long id, String title, String summary, String text, List<String> languages,
                       String country, List<String> themes, Integer year, String visibility, Long ownerUserId) {

    public IndexDoc {
        languages = languages == null ? List.of() : List.copyOf(languages);
        themes = themes == null ? List.of() : List.copyOf(themes);
        summary = summary == null ? "" : summary;
        text = text == null ? "" : text;
    }

    public String key() {
        return key(type, id);
    }

    public static String key(String type, long id) {
        return type + ":" + id;
    }

    public String language() {
        return languages.isEmpty() ? null : languages.getFirst();
    }
}
