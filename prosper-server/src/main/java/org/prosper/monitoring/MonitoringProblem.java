package org.prosper.monitoring;

import java.util.List;

/** A monitoring request that cannot be done, naming the field (or file row and column) at fault: answered 400. */
public class MonitoringProblem extends IllegalArgumentException {

    /** One thing wrong: where (a field, or a row and column of a file) and what. */
    public record Field(Integer row, String field, String message) {
        @Override
        public String toString() {
            return (row == null ? "" : "row " + row + ", ") + field + ": " + message;
        }
    }

    private final List<Field> problems;
    private final int status;

    public MonitoringProblem(String field, String message) {
        this(400, List.of(new Field(null, field, message)), null);
    }

    public MonitoringProblem(int status, List<Field> problems, String summary) {
        super(summary != null ? summary : problems.stream().map(Field::toString).reduce((a, b) -> a + "; " + b).orElse("invalid request"));
        this.problems = List.copyOf(problems);
        this.status = status;
    }

    public List<Field> problems() {
        return problems;
    }

    public int status() {
        return status;
    }
}
