package io.quicidl.runtime;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;

/**
 * Encodes and decodes one message type in the protobuf binary wire format (SPEC.md §8).
 * Generated code provides one per message and error type. Implementations are stateless and
 * thread-safe.
 *
 * @param <T> the message type
 */
public interface MessageCodec<T> {
    /** Exact number of bytes {@link #encode} writes for {@code value}. */
    int encodedSize(T value);

    /** Writes {@code value}'s fields to {@code out}; does not flush. */
    void encode(T value, CodedOutputStream out) throws IOException;

    /**
     * Reads one message from {@code in} until its end.
     *
     * @throws IOException when the bytes are not a valid encoding; the runtime turns this (and
     *     any {@link RuntimeException}) into a clean status, never into a crash
     */
    T decode(CodedInputStream in) throws IOException;
}
