package org.prosper.registry;

/** How personal identifiers look to roles that may not see them. */
final class Masking {

    private Masking() {
    }

    /** First letter of each word, then asterisks: "Sok Dara" -> "S** D***". */
    static String name(String name) {
        if (name == null || name.isBlank()) return name;
        StringBuilder out = new StringBuilder();
        for (String word : name.trim().split("\\s+")) {
            if (!out.isEmpty()) out.append(' ');
            int first = word.codePointAt(0);
            out.appendCodePoint(first).append("*".repeat(Math.max(1, word.codePointCount(0, word.length()) - 1)));
        }
        return out.toString();
    }

    /**
     * Keeps no character, only the length: "110101199001011234" -> "******************". Any digit shown narrows the
     * rest (a Chinese ID's last character is a check digit over the others).
     */
    static String identifier(String id) {
        if (id == null || id.isBlank()) return id;
        return "*".repeat(id.codePointCount(0, id.length()));
    }

    static String address(String address) {
        return address == null || address.isBlank() ? address : "***";
    }
}
