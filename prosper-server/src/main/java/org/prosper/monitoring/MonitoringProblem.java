package org.prosper.monitoring;

import java.util.List;

import org.prosper.platform.ProblemMessages;

/** A monitoring request that cannot be done, naming the field (or file row and column) at fault: answered 400. */
public class MonitoringProblem extends IllegalArgumentException {

    /**
     * One thing wrong: where (a field, or a row and column of a file) and what. {@code key} and {@code args} say it in any
     * language (messages/problems); {@code message} is its English text.
     */
    public record Field(Integer row, String field, String message, String key, List<String> args) {

        public Field {
            args = args == null ? List.of() : List.copyOf(args);
        }

        public Field(Integer row, String field, String message) {
            this(row, field, message, null, List.of());
        }

        /** A problem said by a key of messages/problems with these values. */
        public static Field of(Integer row, String field, String key, Object... values) {
            List<String> args = ProblemMessages.args(values);
            return new Field(row, field, ProblemMessages.english(key, args), key, args);
        }

        /** The same problem at a row of a file. */
        public Field atRow(Integer at) {
            return new Field(at, field, message, key, args);
        }

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

    /** One field's problem, said by a key of messages/problems: answered 400. */
    public static MonitoringProblem of(String field, String key, Object... values) {
        return of(400, field, key, values);
    }

    public static MonitoringProblem of(int status, String field, String key, Object... values) {
        return new MonitoringProblem(status, List.of(Field.of(null, field, key, values)), null);
    }

    public List<Field> problems() {
        return problems;
    }

    public int status() {
        return status;
    }
}
