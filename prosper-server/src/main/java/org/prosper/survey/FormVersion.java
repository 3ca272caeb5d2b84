package org.prosper.survey;

import java.time.Instant;

/** A published version of a form: its XForm as devices download it and the definition it was written from. */
public record FormVersion(long id, long formKey, String formId, String version, String title, String xform, String md5,
                          FormDefinition definition, Instant publishedAt, String publishedBy) {
}
