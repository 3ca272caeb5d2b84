package org.prosper.registry.bulk;

import java.util.List;

/**
 * What an import did: counts of what was read and written, every problem (up to the first 1,000; all of them are
 * in the rejected-rows file when {@code rejectedFile} is true), and how long it took.
 */
public record ImportReport(String file, String format, String mode, boolean imported, long rows, long households,
                           long persons, long importedHouseholds, long importedPersons, long rejectedHouseholds,
                           long problemCount, List<ImportProblem> problems, boolean problemsTruncated,
                           boolean rejectedFile, long millis) {

    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** The same report with the time it took, once known (the commit, which can take seconds, comes after the report). */
    ImportReport took(long elapsedMillis) {
        return new ImportReport(file, format, mode, imported, rows, households, persons, importedHouseholds, importedPersons,
                rejectedHouseholds, problemCount, problems, problemsTruncated, rejectedFile, elapsedMillis);
    }

    public double householdsPerSecond() {
        return millis <= 0 ? 0 : importedHouseholds * 1000.0 / millis;
    }
}
