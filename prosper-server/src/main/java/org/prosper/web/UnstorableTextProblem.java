package org.prosper.web;

import java.util.List;

import org.prosper.platform.NulCharacters;

/** A request whose texts hold a NUL character (U+0000), which no text can store: refused with where they are. */
public class UnstorableTextProblem extends RuntimeException {


    /** One text of the request: a body field's path or a parameter's name. */
    public record Field(String field, String message) {
    }

    private final List<Field> fields;

    /** {@code kind}: "field", "parameter" (or their plurals); {@code names}: where, as the request names them. */
    UnstorableTextProblem(String kind, List<String> names) {
        super(message(kind, shown(names)));
        this.fields = shown(names).stream().map(w -> new Field(w, "contains " + NulCharacters.WHAT)).toList();
    }

    public List<Field> fields() {
        return fields;
    }

    /** A name may itself hold the NUL; it is shown with a '?' in its place. */
    private static List<String> shown(List<String> names) {
        return names.stream().map(NulCharacters::shown).toList();
    }

    private static String message(String kind, List<String> where) {
        return kind + " " + String.join(", ", where.stream().map(w -> "'" + w + "'").toList())
                + (where.size() == 1 ? " contains " : " each contain ") + NulCharacters.WHAT + ": remove it";
    }
}
