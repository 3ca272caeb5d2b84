package org.prosper.registry.bulk;

import java.util.List;

import org.prosper.platform.FieldProblem;
import org.prosper.platform.ProblemMessages;

/**
 * One thing wrong in an import file: the row as a spreadsheet numbers it (the header is row 1), the column's
 * header, the household it belongs to, and what is wrong: {@code message} in English, {@code key} and {@code args}
 * for the reader's language (messages/problems; a problem without a key reads the same in every language).
 * Row and column are null for problems of the whole file.
 */
public record ImportProblem(Integer row, String column, String household, String message, String key, List<String> args) {

    public ImportProblem {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public ImportProblem(Integer row, String column, String household, String message) {
        this(row, column, household, message, null, List.of());
    }

    /** A problem said by a key of messages/problems with these values. */
    static ImportProblem of(Integer row, String column, String household, String key, Object... values) {
        List<String> args = ProblemMessages.args(values);
        return new ImportProblem(row, column, household, ProblemMessages.english(key, args), key, args);
    }

    /** A household's problem found by the registry's own checks, placed in the file. */
    static ImportProblem of(Integer row, String column, String household, FieldProblem problem) {
        return new ImportProblem(row, column, household, problem.message(), problem.key(), problem.args());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (row != null) s.append("row ").append(row);
        if (column != null) s.append(s.isEmpty() ? "" : ", ").append("column ").append(column);
        return s.append(s.isEmpty() ? "" : ": ").append(message).toString();
    }
}
