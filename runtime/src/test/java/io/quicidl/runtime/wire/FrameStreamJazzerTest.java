package io.quicidl.runtime.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quicidl.runtime.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing (Jazzer) of one half of a call stream: the bytes go through {@link
 * FrameDecoder} in fragments, each frame through the half's {@link HalfGrammar} and its payload
 * reader, then FIN. Whatever the bytes, the only failure allowed is a {@link FrameException}, and
 * every buffer is released by the end.
 *
 * <p>Input layout: byte 0 picks the half (every pattern's request half, every response half, the
 * unordered response stream), byte 1 the fragment size, byte 2 the MESSAGE limit; the rest is
 * what the peer sent. Seeds: {@code src/test/resources/io/quicidl/runtime/wire/
 * FrameStreamJazzerTestInputs/halfOfACallStream/}.
 */
class FrameStreamJazzerTest {
    private static final int MAX_CONTROL_FRAME_BYTES = 8 * 1024 + 4096;
    private static final int[] MAX_MESSAGE_BYTES = {0, 1, 64, 4 * 1024 * 1024};
    private static final List<Supplier<HalfGrammar>> HALVES = halves();

    private static List<Supplier<HalfGrammar>> halves() {
        List<Supplier<HalfGrammar>> halves = new ArrayList<>();
        for (Pattern pattern : Pattern.values()) {
            halves.add(() -> HalfGrammar.requestHalf(pattern));
        }
        for (Pattern pattern : Pattern.values()) {
            if (pattern != Pattern.NOTIFICATIONS && pattern != Pattern.REALTIME) {
                halves.add(() -> HalfGrammar.responseHalf(pattern));
            }
        }
        halves.add(HalfGrammar::unorderedResponseStream);
        return List.copyOf(halves);
    }

    @FuzzTest
    void halfOfACallStream(byte[] input) {
        if (input.length < 3) {
            return;
        }
        HalfGrammar grammar = HALVES.get((input[0] & 0xFF) % HALVES.size()).get();
        int fragment = 1 + (input[1] & 0xFF);
        int maxMessageBytes = MAX_MESSAGE_BYTES[(input[2] & 0xFF) % MAX_MESSAGE_BYTES.length];
        TrackingAllocator alloc = new TrackingAllocator();
        GrammarHandler handler = new GrammarHandler(grammar);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new FrameDecoder(maxMessageBytes, MAX_CONTROL_FRAME_BYTES), handler);
        boolean direct = (input[1] & 1) == 0;
        for (int at = 3; at < input.length && handler.failures.isEmpty(); at += fragment) {
            channel.writeInbound(alloc.copyOf(input, at, Math.min(input.length, at + fragment), direct));
        }
        // FIN: the decoder's decodeLast, then the grammar's end() in channelInactive.
        channel.finishAndReleaseAll();
        handler.rethrowUnexpected();
        alloc.assertAllReleased("a " + input.length + "-byte input");
    }

    /** The receiver's side of one half: grammar first, then the payload reader. */
    private static final class GrammarHandler extends ChannelInboundHandlerAdapter {
        private final HalfGrammar grammar;
        private final List<Throwable> failures = new ArrayList<>();

        GrammarHandler(HalfGrammar grammar) {
            this.grammar = grammar;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Frame frame = (Frame) msg;
            try {
                if (failures.isEmpty()) {
                    grammar.accept(frame.type());
                    readPayload(frame.type(), frame.content());
                }
            } catch (Throwable e) {
                failures.add(e);
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (failures.isEmpty()) {
                try {
                    grammar.end();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.add(cause);
        }

        /** Throws the first failure that is not a clean protocol error. */
        void rethrowUnexpected() {
            for (Throwable failure : failures) {
                if (!(failure instanceof FrameException)) {
                    throw new AssertionError("not a FrameException: " + failure, failure);
                }
            }
        }

        private static void readPayload(FrameType type, ByteBuf payload) {
            switch (type) {
                case CALL -> CallFrame.decode(payload);
                case STATUS -> StatusFrame.decode(payload);
                case HEADERS -> HeadersFrame.decode(payload);
                case RESPONSE_HEADER -> ResponseHeaderFrame.decode(payload);
                default -> {
                    // MESSAGE payloads are the method's own (MessageCodecJazzerTest in codegen); the
                    // grammar rejects every control frame on a call stream before this.
                }
            }
        }
    }
}
