package io.quicidl.runtime.wire;

import com.google.protobuf.CodedInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.IOException;

/**
 * Reads a protobuf payload held in a {@link ByteBuf} without a new array per payload where it
 * can. Protobuf copies a direct buffer into a fresh array before it decodes it; here a payload of
 * up to {@link #SCRATCH_BYTES} read on an event-loop thread is copied into that thread's scratch
 * array instead, and a heap payload is read in place. Protobuf never lets what it decodes alias
 * input it was not told is immutable (bytes and strings are copied out), so the scratch array is
 * free again when the read returns. Scratch arrays live only on event-loop threads, of which
 * there are few, never on handler threads, which may be thousands of virtual threads; a read
 * nested in another on the same thread gets an array of its own.
 */
public final class ProtobufInput {
    /** Reads what it needs from the input. */
    public interface Reader<T> {
        T read(CodedInputStream in) throws IOException;
    }

    static final int SCRATCH_BYTES = 64 * 1024;

    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private static final class Scratch {
        final byte[] bytes = new byte[SCRATCH_BYTES];
        boolean inUse;
    }

    private ProtobufInput() {}

    /** Runs {@code reader} over the readable bytes of {@code payload}, which it leaves unchanged. */
    public static <T> T read(ByteBuf payload, Reader<T> reader) throws IOException {
        int length = payload.readableBytes();
        if (payload.hasArray()) {
            return reader.read(CodedInputStream.newInstance(
                    payload.array(), payload.arrayOffset() + payload.readerIndex(), length));
        }
        Scratch scratch = length <= SCRATCH_BYTES && Thread.currentThread() instanceof FastThreadLocalThread
                ? SCRATCH.get()
                : null;
        if (scratch == null || scratch.inUse) {
            return reader.read(CodedInputStream.newInstance(ByteBufUtil.getBytes(payload)));
        }
        payload.getBytes(payload.readerIndex(), scratch.bytes, 0, length);
        scratch.inUse = true;
        try {
            return reader.read(CodedInputStream.newInstance(scratch.bytes, 0, length));
        } finally {
            scratch.inUse = false;
        }
    }
}
