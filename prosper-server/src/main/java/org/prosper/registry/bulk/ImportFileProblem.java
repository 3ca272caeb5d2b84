package org.prosper.registry.bulk;

/** The file cannot be read as a household table at all (not UTF-8, broken quoting, not a workbook, bad header). */
class ImportFileProblem extends RuntimeException {

    private final ImportProblem problem;

    /** Said by a key of messages/problems with these values. */
    ImportFileProblem(Integer row, String key, Object... values) {
        this(ImportProblem.of(row, null, null, key, values));
    }

    private ImportFileProblem(ImportProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    ImportProblem problem() {
        return problem;
    }
}
