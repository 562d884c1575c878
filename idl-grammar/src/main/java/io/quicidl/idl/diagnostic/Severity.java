package io.quicidl.idl.diagnostic;

/** How bad a diagnostic is. Warnings never stop the compiler; build tools may fail on them. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed in front of the code: {@code error} or {@code warning}. */
    public String label() {
        return label;
    }
}
