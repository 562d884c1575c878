package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input, seeded so failures repeat: decoding either succeeds or fails with a
 * {@link FrameException}, never with any other exception (SPEC.md §3, BRIEF §7 "bad input never
 * crashes anything").
 */
class MalformedInputFuzzTest {
    private static final long SEED = 0x5eed_1dl;
    private static final List<FrameType> RECORD_TYPES = List.of(
            FrameType.CALL,
            FrameType.STATUS,
            FrameType.RESPONSE_HEADER,
            FrameType.HEADERS,
            FrameType.SETTINGS,
            FrameType.GOAWAY,
            FrameType.STREAM_STOPPED,
            FrameType.PING,
            FrameType.PONG);

    @Test
    void randomPayloadsDecodeOrFailWithAProtocolError() {
        Random random = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(48)];
            random.nextBytes(bytes);
            decodeExpectingOnlyFrameExceptions(RECORD_TYPES.get(i % RECORD_TYPES.size()), bytes);
        }
    }

    @Test
    void mutatedValidPayloadsDecodeOrFailWithAProtocolError() {
        Random random = new Random(SEED + 1);
        List<FramePayload> samples = PayloadRecordsTest.samples()
                .map(arguments -> (FramePayload) arguments.get()[1])
                .filter(payload -> payload.fieldsSize() < 4_000)
                .toList();
        for (int i = 0; i < 5_000; i++) {
            FramePayload sample = samples.get(random.nextInt(samples.size()));
            byte[] bytes = PayloadRecordsTest.payloadOf(sample);
            if (bytes.length == 0) {
                continue;
            }
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> bytes[at] = (byte) random.nextInt(256);
                    default -> bytes = java.util.Arrays.copyOf(bytes, at); // truncate
                }
                if (bytes.length == 0) {
                    break;
                }
            }
            decodeExpectingOnlyFrameExceptions(sample.frameType(), bytes);
        }
    }

    @Test
    void randomStreamBytesOnlyEverRaiseFrameExceptions() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 500; i++) {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(64, 64));
            try {
                for (int chunk = 0; chunk < 4; chunk++) {
                    byte[] bytes = new byte[random.nextInt(24)];
                    random.nextBytes(bytes);
                    // Bias towards known types so that frames get through as well as errors.
                    if (bytes.length > 0 && random.nextBoolean()) {
                        bytes[0] = (byte) (1 + random.nextInt(11));
                    }
                    channel.writeInbound(Hex.tracked(bytes));
                }
                channel.finish();
            } catch (FrameException expected) {
                // fine: a protocol error or a limit
            } catch (RuntimeException e) {
                fail("random stream bytes raised " + e, e);
            } finally {
                channel.finishAndReleaseAll();
            }
        }
    }

    private static void decodeExpectingOnlyFrameExceptions(FrameType type, byte[] bytes) {
        try {
            PayloadRecordsTest.decode(type, bytes);
        } catch (FrameException e) {
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        } catch (RuntimeException e) {
            fail(type + " payload " + Hex.of(bytes) + " raised " + e, e);
        }
    }
}
