package org.prosper.geo;

/** A geography request that cannot be carried out as asked; mapped to 400/422 with its message. */
public class GeoProblem extends IllegalArgumentException {
    public GeoProblem(String message) {
        super(message);
    }
}
