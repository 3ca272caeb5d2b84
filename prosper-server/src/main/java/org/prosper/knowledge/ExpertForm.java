package org.prosper.knowledge;

import java.util.List;

/** The expert profile form as the page posts it. */
public record ExpertForm(String name, String affiliation, String country, List<String> languages, List<String> fields,
                         String keywords, List<String> regions, String regionNotes, String publications, String bio,
                         String availability, Boolean consent, String visibility, String email, Integer version) {

    public static ExpertForm empty() {
        return new ExpertForm("", "", "", List.of(), List.of(), "", List.of(), "", "", "", "AVAILABLE", false, "PARTNERS", "", null);
    }

    public static ExpertForm of(Expert e) {
        return new ExpertForm(e.name(), e.affiliation(), e.country(), e.languages(), e.fields(), e.keywords(), e.regions(),
                e.regionNotes(), e.publications(), e.bio(), e.availability(), e.consent(), e.visibility(), e.email(), e.version());
    }

    ExpertDraft draft() {
        return new ExpertDraft(name, affiliation, country, languages == null ? List.of() : languages, fields == null ? List.of() : fields,
                keywords, regions == null ? List.of() : regions, regionNotes, publications, bio, availability, consent != null && consent, visibility, email,
                null, version);
    }
}
