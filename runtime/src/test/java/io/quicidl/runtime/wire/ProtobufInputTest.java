package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * ProtobufInput reads every kind of payload the same way: heap and direct, small and over the
 * scratch size, on an event-loop thread and off it, and a read nested in another on the same
 * event-loop thread does not overwrite the outer read's bytes.
 */
class ProtobufInputTest {
    @Test
    void readsHeapAndDirectPayloadsOfEverySizeOnAnyThread() throws Exception {
        for (int size : new int[] {0, 1, 1000, ProtobufInput.SCRATCH_BYTES - 8, ProtobufInput.SCRATCH_BYTES + 100}) {
            String text = "x".repeat(size);
            for (ByteBuf payload : new ByteBuf[] {Unpooled.wrappedBuffer(encode(text)), direct(encode(text))}) {
                assertEquals(text, ProtobufInput.read(payload, ProtobufInputTest::firstString));
                assertEquals(
                        text, onEventLoopThread(() -> ProtobufInput.read(payload, ProtobufInputTest::firstString)));
                assertEquals(0, payload.readerIndex(), "the payload is left as it was");
                payload.release();
            }
        }
    }

    @Test
    void aNestedReadDoesNotOverwriteTheOuterOne() throws Exception {
        ByteBuf outer = direct(encode("outer"));
        ByteBuf inner = direct(encode("inner, longer than the outer"));
        String read = onEventLoopThread(() -> ProtobufInput.read(outer, in -> {
            String nested = ProtobufInput.read(inner, ProtobufInputTest::firstString);
            return firstString(in) + "+" + nested;
        }));
        assertEquals("outer+inner, longer than the outer", read);
        outer.release();
        inner.release();
    }

    private static String firstString(com.google.protobuf.CodedInputStream in) throws IOException {
        in.readTag();
        return in.readString();
    }

    private static byte[] encode(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, text);
        out.flush();
        return bytes.toByteArray();
    }

    private static ByteBuf direct(byte[] bytes) {
        ByteBuf buf = Unpooled.directBuffer(bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }

    private interface Read {
        String run() throws IOException;
    }

    /** Runs {@code read} on a Netty event-loop kind of thread, where the scratch array is used. */
    private static String onEventLoopThread(Read read) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new FastThreadLocalThread(() -> {
            try {
                result.set(read.run());
            } catch (IOException | RuntimeException e) {
                result.set(e);
            }
        });
        thread.start();
        thread.join();
        if (result.get() instanceof Exception e) {
            throw e;
        }
        return (String) result.get();
    }
}
