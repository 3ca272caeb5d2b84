package org.prosper.registry.bulk;

/** The file cannot be read as a household table at all (not UTF-8, broken quoting, not a workbook, bad header). */
class ImportFileProblem extends RuntimeException {

    private final ImportProblem problem;

    ImportFileProblem(Integer row, String column, String message) {
        super(new ImportProblem(row, column, null, message).toString());
        this.problem = new ImportProblem(row, column, null, message);
    }

    ImportProblem problem() {
        return problem;
    }
}
