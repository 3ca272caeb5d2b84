package org.prosper.knowledge;

import java.util.List;

/** A practice case or a document's description, as a client sends it (for an upload, with the file apart). */
public record PracticeDraft(String title, String summary, String fullText, String language, String country,
                            String villages, List<String> themes, List<String> sdgTargets, Integer year, String source,
                            String licence, String visibility, String projectRef, List<Long> experts, Integer version) {
}
