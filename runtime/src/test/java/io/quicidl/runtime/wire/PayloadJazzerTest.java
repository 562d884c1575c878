package io.quicidl.runtime.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Function;

/**
 * Coverage-guided fuzzing (Jazzer) of the frame payload readers: CALL, STATUS and the metadata
 * entries they and HEADERS carry, and every other frame type's record. Whatever the bytes, a
 * reader returns a record or throws a {@link FrameException}; a record it returns encodes again
 * (the writer agrees with its declared size) and reads back equal; every buffer is released.
 *
 * <p>Input layout: byte 0 picks the frame type (bit 7: the payload is in a direct buffer, which
 * {@link ProtobufInput} copies, rather than a heap one, which it reads in place); the rest is the
 * payload. Seeds: {@code src/test/resources/io/quicidl/runtime/wire/
 * PayloadJazzerTestInputs/payloadReaders/}.
 */
class PayloadJazzerTest {
    /** Index = input byte 0 modulo the size; the seeds depend on this order. */
    private static final List<Function<ByteBuf, FramePayload>> READERS = List.of(
            CallFrame::decode,
            StatusFrame::decode,
            HeadersFrame::decode,
            ResponseHeaderFrame::decode,
            SettingsFrame::decode,
            GoAwayFrame::decode,
            StreamStoppedFrame::decode,
            payload -> PingFrame.decode(FrameType.PING, payload),
            payload -> PingFrame.decode(FrameType.PONG, payload));

    @FuzzTest
    void payloadReaders(byte[] input) {
        if (input.length < 1) {
            return;
        }
        Function<ByteBuf, FramePayload> reader = READERS.get((input[0] & 0x7F) % READERS.size());
        boolean direct = (input[0] & 0x80) != 0;
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf payload = alloc.copyOf(input, 1, input.length, direct);
        FramePayload decoded;
        try {
            decoded = reader.apply(payload);
            if (payload.readerIndex() != 0) {
                throw new AssertionError("the reader moved the payload's reader index");
            }
        } catch (FrameException e) {
            return;
        } finally {
            payload.release();
        }
        FramePayload again = reencode(alloc, decoded, reader);
        if (!again.equals(decoded)) {
            throw new AssertionError("read back " + again + " after writing " + decoded);
        }
        alloc.assertAllReleased("a " + input.length + "-byte input");
    }

    private static FramePayload reencode(
            TrackingAllocator alloc, FramePayload decoded, Function<ByteBuf, FramePayload> reader) {
        ByteBuf frame = Frames.encode(alloc, decoded);
        try {
            Frame parsed = FrameReader.next(frame, Integer.MAX_VALUE, Integer.MAX_VALUE);
            if (parsed == null || parsed.type() != decoded.frameType() || frame.isReadable()) {
                throw new AssertionError("the encoded " + decoded.frameType() + " frame does not read back whole");
            }
            try {
                return reader.apply(parsed.content());
            } finally {
                parsed.release();
            }
        } finally {
            frame.release();
        }
    }
}
