package org.prosper.registry.bulk;

/** An upload refused before any row is read (empty, too large); {@code status} is the HTTP status to answer. */
public class ImportRefusedProblem extends RuntimeException {

    private final int status;

    public ImportRefusedProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
