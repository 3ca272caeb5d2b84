package org.prosper.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * A practice case (written in the page) or a document (uploaded, its text extracted). {@code file} is null for a
 * case written in the page.
 */
public record Practice(long id, String kind, String title, String summary, String fullText, String language,
                       String country, String villages, List<String> themes, List<String> sdgTargets, Integer year,
                       String source, String licence, String visibility, String projectRef, List<Long> experts,
                       FileInfo file, String createdBy, Long createdById, int version, Instant createdAt) {

    public record FileInfo(String name, String contentType, long size, String sha256) {
    }

    /** The type as search reports it: "document" for an uploaded file, "practice" for a case. */
    public String type() {
        return "DOCUMENT".equals(kind) ? "document" : "practice";
    }
}
