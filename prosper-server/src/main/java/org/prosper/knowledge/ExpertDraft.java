package org.prosper.knowledge;

import java.util.List;

/**
 * What a client sends to create or replace an expert profile. Lists may be sent as arrays; {@code userId} and
 * {@code visibility} other than the expert's own choice are honoured only for expert managers. Send {@code version}
 * as read to detect concurrent edits.
 */
public record ExpertDraft(String name, String affiliation, String country, List<String> languages, List<String> fields,
                          String keywords, List<String> regions, String regionNotes, String publications, String bio,
                          String availability, Boolean consent, String visibility, String email, Long userId,
                          Integer version) {
}
