package org.prosper.platform;

/**
 * A text kept to the length of the column that records it, for texts the platform writes about what a user did
 * (a run's trigger naming an uploaded file, a failure's message, an audit detail): the record keeps their start
 * rather than failing the work it records. Texts a user types are checked and refused instead.
 */
public final class Clip {

    private Clip() {
    }

    /** {@code s} if it has at most {@code max} characters, else its start ending with "..." in {@code max}; null stays null. */
    public static String clip(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int end = max - 3;
        // a character outside the Basic Multilingual Plane is two chars: never keep half of one
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) end--;
        return s.substring(0, end) + "...";
    }
}
