package org.prosper.geo;

import java.util.List;

public record Country(String code, String iso3, String nameEn, String nameLocal, String localLanguage, String currency,
                      List<AdminLevel> levels) {

    public record AdminLevel(int depth, String nameEn, String nameLocal) {
    }

    /** The name a reader of {@code language} sees: the local one in the country's own language. */
    public String displayName(String language) {
        return LocalNames.choose(code, language, nameEn, nameLocal);
    }

    /** The name of the level at this depth (0 is the country itself). */
    public String levelName(int depth) {
        if (depth == 0) return "Country";
        return levels.stream().filter(l -> l.depth() == depth).map(AdminLevel::nameEn).findFirst().orElse("Level " + depth);
    }

    public int villageDepth() {
        return levels.stream().mapToInt(AdminLevel::depth).max().orElse(1);
    }
}
