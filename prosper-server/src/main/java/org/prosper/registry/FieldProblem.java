package org.prosper.registry;

/** One thing wrong with one field of one record; {@code member} is the member's line number, or null. */
public record FieldProblem(Integer member, String field, String message) {

    @Override
    public String toString() {
        return (member == null ? "" : "member " + member + ", ") + field + ": " + message;
    }
}
