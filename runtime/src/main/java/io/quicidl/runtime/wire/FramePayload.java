package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;

/** A frame payload made of protobuf-encoded fields (SPEC.md §3). */
public interface FramePayload {
    /** The frame type this payload travels in. */
    FrameType frameType();

    /** Exact number of bytes {@link #writeFields} writes. */
    int fieldsSize();

    /** Writes the payload's fields in field-number order, skipping zero values. */
    void writeFields(CodedOutputStream out) throws IOException;
}
