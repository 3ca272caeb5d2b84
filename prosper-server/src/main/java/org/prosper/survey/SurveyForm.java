package org.prosper.survey;

/** A form as listed: its id, title, latest version and how many submissions it has. */
public record SurveyForm(long key, String formId, String title, String latestVersion, long versions, long submissions) {
}
