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

    /** Keeps the last two characters: "110101199001011234" -> "****************34". */
    static String identifier(String id) {
        if (id == null || id.isBlank()) return id;
        return id.length() <= 2 ? "**" : "*".repeat(id.length() - 2) + id.substring(id.length() - 2);
    }

    static String address(String address) {
        return address == null || address.isBlank() ? address : "***";
    }
}
