package org.prosper.monitoring;

import java.time.Instant;

/** A monitoring run: what it covered, with which profile version, how it ended and what it found. */
public record Run(long id, String countryCode, String kind, String state, String profileCode, int profileVersion,
                  String scopePaths, String trigger, String actor, String jobId, long households, long alertsFound,
                  long alertsNew, long alertsResolved, Instant startedAt, Instant finishedAt, String message) {
}
