package org.prosper.web;

import java.util.List;

/** The body of every 4xx/5xx answer of the API: what is wrong and, where it applies, where. */
public record ApiError(int status, String error, List<?> problems) {
}
