package org.prosper.knowledge;

import java.util.List;

/** The practice and upload forms as the page posts them. */
public record PracticeForm(String title, String summary, String fullText, String language, String country, String villages,
                           List<String> themes, String sdgTargets, Integer year, String source, String licence,
                           String visibility, String projectRef) {

    public static PracticeForm empty() {
        return new PracticeForm("", "", "", "en", "", "", List.of(), "", null, "", "", "PUBLIC", "");
    }

    PracticeDraft draft() {
        List<String> sdgs = sdgTargets == null || sdgTargets.isBlank() ? List.of() : List.of(sdgTargets.split("\\s*,\\s*"));
        return new PracticeDraft(title, summary, fullText, language, country, villages, themes == null ? List.of() : themes, sdgs,
                year, source, licence, visibility, projectRef, List.of(), null);
    }
}
