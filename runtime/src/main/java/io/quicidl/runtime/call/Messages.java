package io.quicidl.runtime.call;

import com.google.protobuf.CodedInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.quicidl.runtime.MessageCodec;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.transport.CallConnection;
import io.quicidl.runtime.wire.Frames;

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

    /**
     * Payloads up to this size are decoded from a per-event-loop scratch array: protobuf copies a
     * direct buffer into a new array before decoding it, one allocation per message.
     */
    private static final int SCRATCH_BYTES = 64 * 1024;

    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };

    /** Decodes a MESSAGE payload; never throws anything but {@link DecodeFailure}. */
    static <T> T decode(MessageCodec<T> codec, ByteBuf payload) throws DecodeFailure {
        try {
            return codec.decode(input(payload));
        } catch (Exception e) {
            throw new DecodeFailure("message does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * The payload as protobuf input. The array is never aliased by what is decoded (protobuf
     * copies bytes and strings out of input it was not told is immutable), so the scratch array
     * is free again when decoding returns; it is used only on event-loop threads, of which there
     * are few, not on the handler threads, which may be thousands of virtual threads.
     */
    private static CodedInputStream input(ByteBuf payload) {
        int length = payload.readableBytes();
        if (payload.hasArray()) {
            return CodedInputStream.newInstance(payload.array(), payload.arrayOffset() + payload.readerIndex(), length);
        }
        if (length <= SCRATCH_BYTES && Thread.currentThread() instanceof FastThreadLocalThread) {
            byte[] scratch = SCRATCH.get();
            payload.getBytes(payload.readerIndex(), scratch, 0, length);
            return CodedInputStream.newInstance(scratch, 0, length);
        }
        return CodedInputStream.newInstance(ByteBufUtil.getBytes(payload));
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
