package io.quicidl.cli;

import io.quicidl.runtime.StatusCode;

/** The exit codes of the command-line client, one per kind of failure (listed in the README). */
enum ExitCode {
    OK(0),
    /** A bug of the client itself (the stack trace follows the message). */
    INTERNAL(1),
    /** Wrong arguments, or a file named in them that cannot be read. */
    USAGE(2),
    /** No connection: nobody answers, the TLS handshake failed, or the connection was lost. */
    CONNECT(3),
    /** The server has no such service or method, or no schema for it. */
    NOT_FOUND(4),
    /** A request is not valid JSON, or does not fit the request message. */
    BAD_INPUT(5);

    /** A call that ended with a status other than OK exits with this plus the status code (11 to 26). */
    static final int STATUS_BASE = 10;

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static int forStatus(StatusCode status) {
        return STATUS_BASE + status.value();
    }
}
