package org.prosper.measure.cli;

/** Bad command line (unknown option, missing or malformed value): exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) { super(message); }
}
