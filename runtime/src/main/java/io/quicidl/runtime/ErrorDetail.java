package io.quicidl.runtime;

import java.util.Arrays;

/**
 * A declared error carried in a STATUS frame (SPEC.md §3): the error's full schema name and its
 * fields encoded like a message.
 */
public record ErrorDetail(String type, byte[] value) {
    public ErrorDetail {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ErrorDetail d && type.equals(d.type) && Arrays.equals(value, d.value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "ErrorDetail[" + type + ", " + value.length + " bytes]";
    }
}
