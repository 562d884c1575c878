package io.quicidl.runtime.wire;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.ErrorDetail;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.StatusCode;
import java.io.IOException;

/**
 * STATUS: the terminal frame of a response half (SPEC.md §3).
 *
 * @param code the call's outcome
 * @param message human-readable text, empty when there is none
 * @param error a declared error, or {@code null}
 * @param trailers trailing metadata
 * @param responseCount {@code @unordered}: how many response streams the server opened
 */
public record StatusFrame(StatusCode code, String message, ErrorDetail error, Metadata trailers, long responseCount)
        implements FramePayload {

    /** A status with only a code and a message. */
    public static StatusFrame of(StatusCode code, String message) {
        return new StatusFrame(code, message, null, Metadata.empty(), 0);
    }

    @Override
    public FrameType frameType() {
        return FrameType.STATUS;
    }

    @Override
    public int fieldsSize() {
        return PayloadWriter.uint64Size(1, code.value())
                + PayloadWriter.stringSize(2, message)
                + (error == null
                        ? 0
                        : CodedOutputStream.computeTagSize(3) + PayloadWriter.lengthDelimitedSize(errorSize()))
                + PayloadWriter.metadataSize(4, trailers)
                + PayloadWriter.uint64Size(5, responseCount);
    }

    @Override
    public void writeFields(CodedOutputStream out) throws IOException {
        PayloadWriter.writeUInt64(out, 1, code.value());
        PayloadWriter.writeString(out, 2, message);
        if (error != null) {
            out.writeTag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(errorSize());
            PayloadWriter.writeString(out, 1, error.type());
            byte[] value = error.value();
            if (value.length > 0) {
                out.writeByteArray(2, value);
            }
        }
        PayloadWriter.writeMetadata(out, 4, trailers);
        PayloadWriter.writeUInt64(out, 5, responseCount);
    }

    private int errorSize() {
        int valueLength = error.value().length;
        return PayloadWriter.stringSize(1, error.type())
                + (valueLength == 0
                        ? 0
                        : CodedOutputStream.computeTagSize(2) + PayloadWriter.lengthDelimitedSize(valueLength));
    }

    /** Decodes a STATUS payload. */
    public static StatusFrame decode(ByteBuf payload) {
        long[] numbers = new long[2];
        String[] message = {""};
        ErrorDetail[] error = {null};
        Metadata.Builder trailers = Metadata.builder();
        PayloadReader.read(FrameType.STATUS, payload, (number, in) -> {
            switch (number) {
                case 1 -> numbers[0] = PayloadReader.uint64(in);
                case 2 -> message[0] = PayloadReader.string(in);
                case 3 -> error[0] = PayloadReader.readErrorDetail(in);
                case 4 -> PayloadReader.readMetadataEntry(in, trailers);
                case 5 -> numbers[1] = PayloadReader.uint64(in);
                default -> {
                    return false;
                }
            }
            return true;
        });
        return new StatusFrame(StatusCode.of(numbers[0]), message[0], error[0], trailers.build(), numbers[1]);
    }
}
