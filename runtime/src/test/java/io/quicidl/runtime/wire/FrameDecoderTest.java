package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FrameDecoder} in an {@link EmbeddedChannel}: framing, fragmentation, limits, FIN. */
class FrameDecoderTest {
    private static final int MAX_MESSAGE = 20_000;
    private static final int MAX_CONTROL = 100;

    /** CALL "/a.B/c", MESSAGE "hi" (Ping), an empty DRAINED, STATUS OK-less STATUS code 5. */
    private static final String THREE_FRAMES = "01 08 0a 06 2f 61 2e 42 2f 63" + " 02 04 0a 02 68 69" + " 03 02 08 05";

    private EmbeddedChannel channel = newChannel();

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    private static EmbeddedChannel newChannel() {
        return new EmbeddedChannel(new FrameDecoder(MAX_MESSAGE, MAX_CONTROL));
    }

    @Test
    void wholeFramesInOneBufferComeOutInOrder() {
        channel.writeInbound(Hex.buf(THREE_FRAMES));
        assertEquals(List.of("CALL 0a 06 2f 61 2e 42 2f 63", "MESSAGE 0a 02 68 69", "STATUS 08 05"), drain());
    }

    @Test
    void framesFedOneByteAtATimeComeOutWhenComplete() {
        byte[] bytes = Hex.bytes(THREE_FRAMES);
        List<String> frames = new ArrayList<>();
        for (byte b : bytes) {
            channel.writeInbound(Hex.tracked(new byte[] {b}));
            frames.addAll(drain());
        }
        assertEquals(List.of("CALL 0a 06 2f 61 2e 42 2f 63", "MESSAGE 0a 02 68 69", "STATUS 08 05"), frames);
        assertFalse(channel.finish(), "nothing left over at FIN");
    }

    @Test
    void framesSplitAtEveryPossibleBoundaryDecodeTheSame() {
        byte[] bytes = Hex.bytes(THREE_FRAMES);
        for (int split = 0; split <= bytes.length; split++) {
            for (int second = split; second <= bytes.length; second++) {
                EmbeddedChannel ch = newChannel();
                List<String> frames = new ArrayList<>();
                ch.writeInbound(Hex.tracked(Arrays.copyOfRange(bytes, 0, split)));
                frames.addAll(drain(ch));
                ch.writeInbound(Hex.tracked(Arrays.copyOfRange(bytes, split, second)));
                frames.addAll(drain(ch));
                ch.writeInbound(Hex.tracked(Arrays.copyOfRange(bytes, second, bytes.length)));
                frames.addAll(drain(ch));
                assertFalse(ch.finish(), "leftover at FIN after splits at " + split + " and " + second);
                assertEquals(
                        List.of("CALL 0a 06 2f 61 2e 42 2f 63", "MESSAGE 0a 02 68 69", "STATUS 08 05"),
                        frames,
                        "splits at " + split + " and " + second);
            }
        }
    }

    @Test
    void emptyPayloadFramesAreEmitted() {
        channel.writeInbound(Hex.buf("08 00 08 00"));
        assertEquals(List.of("DRAINED ", "DRAINED "), drain());
    }

    @ParameterizedTest(name = "payload of {0} bytes has a {1}-byte length field")
    @CsvSource({"0, 1", "63, 1", "64, 2", "16383, 2", "16384, 4", "20000, 4"})
    void payloadLengthsAcrossVarintBoundariesDecodeExactly(int size, int lengthFieldBytes) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 7);
        }
        ByteBuf frame = frameBytes(FrameType.MESSAGE.value(), payload);
        assertEquals(1 + lengthFieldBytes + size, frame.readableBytes());
        assertEquals(1 + lengthFieldBytes, Frames.headerLength(FrameType.MESSAGE, size));
        // Deliver the header and the payload separately, then check the frame's content.
        channel.writeInbound(frame.readRetainedSlice(1 + lengthFieldBytes));
        if (size > 0) {
            assertNull(channel.readInbound(), "no frame before its payload");
            channel.writeInbound(frame);
        } else {
            frame.release();
        }
        Frame decoded = channel.readInbound();
        try {
            assertEquals(FrameType.MESSAGE, decoded.type());
            assertEquals(Unpooled.wrappedBuffer(payload), decoded.content());
        } finally {
            decoded.release();
        }
    }

    @Test
    void nonMinimalTypeAndLengthEncodingsAreAccepted() {
        // MESSAGE as 0x4002, length 2 as 0x80000002.
        channel.writeInbound(Hex.buf("40 02 80 00 00 02 68 69"));
        assertEquals(List.of("MESSAGE 68 69"), drain());
    }

    @ParameterizedTest(name = "type bytes {0}")
    @ValueSource(strings = {"00", "0c", "3f", "40 00", "7f ff", "ff ff ff ff ff ff ff ff"})
    void unknownFrameTypeIsAProtocolErrorAsSoonAsTheTypeIsReadable(String typeHex) {
        FrameException e = assertThrows(FrameException.class, () -> channel.writeInbound(Hex.buf(typeHex)));
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("unknown frame type 0x"), e.getMessage());
    }

    @Test
    void oversizedMessageLengthFailsBeforeThePayloadArrives() {
        // Only the header of a MESSAGE one byte over the limit: fails at once, nothing buffered.
        ByteBuf header = ByteBufAllocator.DEFAULT.buffer();
        QuicVarint.write(header, FrameType.MESSAGE.value());
        QuicVarint.write(header, MAX_MESSAGE + 1);
        FrameException e = assertThrows(FrameException.class, () -> channel.writeInbound(header));
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
        assertEquals("MESSAGE frame of 20001 bytes exceeds the limit of 20000 bytes", e.getMessage());
    }

    @Test
    void declaredLengthOf2Pow62Minus1WithThreeBytesOfInputFailsImmediately() {
        // A declared length of 2^62-1 could never be buffered; the decoder must not try.
        ByteBuf input = Hex.buf("02 ff ff ff ff ff ff ff ff 00 01 02");
        FrameException e = assertThrows(FrameException.class, () -> channel.writeInbound(input));
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
        assertTrue(e.getMessage().contains("4611686018427387903 bytes"), e.getMessage());
        assertEquals(0, input.refCnt(), "the input buffer was released");
    }

    @Test
    void anOversizedFrameIsNeverBufferedNorIsAnythingAfterIt() {
        CountingAllocator counting = new CountingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(counting);
        ch.pipeline().addLast(new FrameDecoder(MAX_MESSAGE, MAX_CONTROL));
        assertThrows(FrameException.class, () -> ch.writeInbound(Hex.buf("02 ff ff ff ff ff ff ff ff")));
        for (int i = 0; i < 64; i++) {
            ch.writeInbound(Hex.tracked(new byte[16_384]));
        }
        assertFalse(ch.finish());
        assertEquals(0, counting.allocated, "bytes the decoder allocated to buffer input");

        // Control: a frame within the limit, fed in pieces, is buffered through the same allocator,
        // so the count of 0 above means nothing was buffered (growth of a buffer is not counted).
        CountingAllocator control = new CountingAllocator();
        EmbeddedChannel ok = new EmbeddedChannel();
        ok.config().setAllocator(control);
        ok.pipeline().addLast(new FrameDecoder(MAX_MESSAGE, MAX_CONTROL));
        ByteBuf frame = frameBytes(FrameType.MESSAGE.value(), new byte[MAX_MESSAGE]);
        while (frame.isReadable()) {
            ok.writeInbound(frame.readRetainedSlice(Math.min(4_096, frame.readableBytes())));
        }
        frame.release();
        assertEquals(
                List.of(FrameType.MESSAGE),
                drain(ok).stream().map(f -> FrameType.valueOf(f.split(" ")[0])).toList());
        assertTrue(control.allocated > 0, "the control case allocated nothing");
        assertFalse(ok.finish());
    }

    /** Counts the capacity of every buffer allocated through it. */
    private static final class CountingAllocator extends AbstractByteBufAllocator {
        long allocated;

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            allocated += initialCapacity;
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            allocated += initialCapacity;
            return new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void controlFramesUseTheControlLimitAndTheLimitItselfIsAllowed() {
        ByteBuf atLimit = frameBytes(FrameType.SETTINGS.value(), new byte[MAX_CONTROL]);
        channel.writeInbound(atLimit);
        Frame frame = channel.readInbound();
        assertEquals(MAX_CONTROL, frame.content().readableBytes());
        frame.release();

        ByteBuf header = ByteBufAllocator.DEFAULT.buffer();
        QuicVarint.write(header, FrameType.STATUS.value());
        QuicVarint.write(header, MAX_CONTROL + 1);
        FrameException e = assertThrows(FrameException.class, () -> channel.writeInbound(header));
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
        assertEquals("STATUS frame of 101 bytes exceeds the limit of 100 bytes", e.getMessage());
    }

    @Test
    void framesBeforeAFailureInTheSameBufferAreStillDelivered() {
        assertThrows(FrameException.class, () -> channel.writeInbound(Hex.buf("02 02 68 69 1f 00")));
        assertEquals(List.of("MESSAGE 68 69"), drain());
    }

    @Test
    void afterAFailureLaterInputIsDiscardedAndReleased() {
        assertThrows(FrameException.class, () -> channel.writeInbound(Hex.buf("1f")));
        ByteBuf later = Hex.buf(THREE_FRAMES);
        assertFalse(channel.writeInbound(later), "no frame after a failure");
        channel.checkException();
        assertEquals(0, later.refCnt(), "discarded input is released");
        assertFalse(channel.finish(), "no failure is raised twice, not even at FIN");
    }

    @Test
    void afterAFailureTheRestOfTheFailingBufferIsDiscardedToo() {
        assertThrows(FrameException.class, () -> channel.writeInbound(Hex.buf("1f 00 02 02 68 69")));
        assertEquals(List.of(), drain());
    }

    @ParameterizedTest(name = "leftover [{0}]")
    @ValueSource(strings = {"02", "02 04", "02 04 0a 02 68", "40", "02 40"})
    void finInsideAFrameIsAProtocolError(String leftover) {
        channel.writeInbound(Hex.buf("02 02 68 69 " + leftover));
        assertEquals(List.of("MESSAGE 68 69"), drain());
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        FrameException e = assertThrows(FrameException.class, channel::checkException);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        int left = Hex.bytes(leftover).length;
        assertEquals("stream finished inside a frame (" + left + " bytes of an incomplete frame)", e.getMessage());
    }

    @Test
    void channelCloseInsideAFrameIsAProtocolErrorToo() {
        channel.writeInbound(Hex.buf("02 04 0a"));
        FrameException e = assertThrows(FrameException.class, channel::finish);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
    }

    @Test
    void finBetweenFramesIsClean() {
        channel.writeInbound(Hex.buf("02 02 68 69"));
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        channel.checkException();
        assertEquals(List.of("MESSAGE 68 69"), drain());
    }

    @Test
    void everyFrameTypeIsRecognised() {
        for (FrameType type : FrameType.values()) {
            channel.writeInbound(frameBytes(type.value(), new byte[] {0x08, 0x01}));
            assertEquals(List.of(type + " 08 01"), drain());
        }
    }

    private List<String> drain() {
        return drain(channel);
    }

    /** Reads every frame the channel emitted, as "TYPE hex", releasing each. */
    private static List<String> drain(EmbeddedChannel ch) {
        List<String> frames = new ArrayList<>();
        Frame frame;
        while ((frame = ch.readInbound()) != null) {
            try {
                frames.add(frame.type() + " " + Hex.of(frame.content()));
            } finally {
                frame.release();
            }
        }
        return frames;
    }

    private static ByteBuf frameBytes(int type, byte[] payload) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        QuicVarint.write(buf, type);
        QuicVarint.write(buf, payload.length);
        buf.writeBytes(payload);
        return buf;
    }
}
