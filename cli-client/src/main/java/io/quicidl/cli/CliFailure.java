package io.quicidl.cli;

/** Ends the command with a message on stderr and an exit code (see {@link ExitCode}). */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliFailure(ExitCode exitCode, String message) {
        this(exitCode.code(), message);
    }

    int exitCode() {
        return exitCode;
    }
}
