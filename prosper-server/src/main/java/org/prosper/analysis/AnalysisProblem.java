package org.prosper.analysis;

import java.util.List;

/** A request the analysis cannot run, with the field(s) at fault; answered 400 with every problem listed. */
public class AnalysisProblem extends IllegalArgumentException {

    /** One thing wrong: the request field (dotted path, e.g. {@code line.kind}) and what is wrong with it. */
    public record Field(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final List<Field> problems;

    public AnalysisProblem(String field, String message) {
        this(List.of(new Field(field, message)));
    }

    public AnalysisProblem(List<Field> problems) {
        super(problems.stream().map(Field::toString).reduce((a, b) -> a + "; " + b).orElse("invalid analysis request"));
        this.problems = List.copyOf(problems);
    }

    public List<Field> problems() {
        return problems;
    }
}
