package io.quicidl.runtime;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One declared {@code error} type of a schema: its full schema name and the codec of its fields.
 * Generated code creates one constant per error type and lists, in each
 * {@link MethodDescriptor}, the types the method {@code throws}, so a client can re-throw them
 * typed (SPEC.md §4.2).
 *
 * @param <E> the generated exception class
 * @param typeName full schema name, e.g. {@code example.chat.RoomNotFound}
 * @param type the generated class
 * @param codec encodes and decodes the error's fields
 */
public record ErrorType<E extends DeclaredError>(String typeName, Class<E> type, MessageCodec<E> codec) {
    /** The error type of this name, class and codec. */
    public static <E extends DeclaredError> ErrorType<E> of(String typeName, Class<E> type, MessageCodec<E> codec) {
        return new ErrorType<>(typeName, type, codec);
    }

    /** Encodes {@code error}, which must be of this type, for a STATUS frame. */
    public ErrorDetail toDetail(DeclaredError error) {
        E typed = type.cast(error);
        byte[] bytes = new byte[codec.encodedSize(typed)];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            codec.encode(typed, out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding error " + typeName, e);
        }
        return new ErrorDetail(typeName, bytes);
    }

    /** Decodes the fields of a received error of this type. */
    public E fromDetail(ErrorDetail detail) throws IOException {
        return codec.decode(CodedInputStream.newInstance(detail.value()));
    }
}
