package org.prosper.knowledge.search;

/**
 * Who is searching, as far as visibility goes. PUBLIC items are seen by everyone, anonymous visitors included;
 * PARTNERS items by partners (see {@link Level#PARTNER}); ADMINS items by administrators only. A user always sees the
 * items they own (an expert their own profile).
 */
public record Audience(Level level, Long userId) {

    public enum Level {
        /** Anonymous visitors and signed-in users outside the partnership (the read-only VIEWER role). */
        PUBLIC,
        /** Signed-in users of the platform in any working role: coordinators, officers, enumerators, managers, experts. */
        PARTNER,
        /** System administrators. */
        ADMIN
    }

    public static Audience anonymous() {
        return new Audience(Level.PUBLIC, null);
    }

    public static Audience admin() {
        return new Audience(Level.ADMIN, null);
    }

    public boolean sees(String visibility, Long ownerUserId) {
        if (userId != null && userId.equals(ownerUserId)) return true;
        return switch (level) {
            case ADMIN -> true;
            case PARTNER -> "PUBLIC".equals(visibility) || "PARTNERS".equals(visibility);
            case PUBLIC -> "PUBLIC".equals(visibility);
        };
    }
}
