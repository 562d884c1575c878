package io.quicidl.runtime.call;

import io.netty.buffer.ByteBuf;
import io.quicidl.runtime.MessageCodec;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.wire.Frames;
import io.quicidl.runtime.wire.ProtobufInput;

/** Encodes and decodes MESSAGE payloads with a method's codecs and checks their size limits. */
final class Messages {
    private Messages() {}

    /** A MESSAGE payload did not decode as the method's type (SPEC.md §5.8). */
    static final class DecodeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        DecodeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Decodes a MESSAGE payload; never throws anything but {@link DecodeFailure}. */
    static <T> T decode(MessageCodec<T> codec, ByteBuf payload) throws DecodeFailure {
        try {
            return ProtobufInput.read(payload, codec::decode);
        } catch (Exception e) {
            throw new DecodeFailure("message does not decode: " + e.getMessage(), e);
        }
    }

    /** Whether a received payload of {@code size} bytes exceeds the method's own limit. */
    static boolean overMethodLimit(MethodDescriptor<?, ?> method, int size) {
        return method.maxMessageBytes() > 0 && size > method.maxMessageBytes();
    }

    /**
     * Encodes an outgoing message after checking it against the method's limit and the peer's
     * advertised limit, which a sender must respect (SPEC.md §6.1).
     *
     * @throws StatusException RESOURCE_EXHAUSTED when it is too large
     */
    static <T> ByteBuf encode(
            CallConnection connection, MethodDescriptor<?, ?> method, MessageCodec<T> codec, T message) {
        checkSize(connection, method, codec.encodedSize(message));
        return Frames.message(connection.alloc(), codec, message);
    }

    /**
     * The method's {@code @max_message_bytes} replaces the peer's SETTINGS for the method's calls
     * (SPEC.md §3); a limit of 0 states none.
     *
     * @throws StatusException RESOURCE_EXHAUSTED when {@code size} exceeds the limit for sending
     */
    static void checkSize(CallConnection connection, MethodDescriptor<?, ?> method, int size) {
        long limit = method.maxMessageBytes() > 0 ? method.maxMessageBytes() : connection.peerMaxMessageBytes();
        if (limit > 0 && size > limit) {
            throw new StatusException(
                    StatusCode.RESOURCE_EXHAUSTED,
                    "message of " + size + " bytes exceeds the limit of " + limit + " bytes");
        }
    }
}
