package org.prosper.geo;

import org.prosper.platform.FieldProblem;
import org.prosper.platform.InputProblem;

/**
 * A geography request that cannot be carried out as asked; mapped to 400/422 with its message. One made by {@link #of}
 * is said by a key of messages/problems, so that the geography pages show it in the reader's language.
 */
public class GeoProblem extends InputProblem {

    /** A problem said as an English sentence, shown as it is in every language. */
    public GeoProblem(String message) {
        super(new FieldProblem(null, null, message));
    }

    public GeoProblem(FieldProblem problem) {
        super(problem);
    }

    public static GeoProblem of(String field, String key, Object... values) {
        return new GeoProblem(FieldProblem.of(null, field, key, values));
    }
}
