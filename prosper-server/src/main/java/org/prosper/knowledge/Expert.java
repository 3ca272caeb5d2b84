package org.prosper.knowledge;

import java.time.Instant;
import java.util.List;

/** An expert's profile. {@code userId} links the profile to the expert's own login, who may then edit it. */
public record Expert(long id, Long userId, String name, String affiliation, String country, List<String> languages,
                     List<String> fields, String keywords, List<String> regions, String regionNotes,
                     String publications, String bio, String availability, boolean consent, String visibility,
                     String email, int version, Instant updatedAt) {
}
