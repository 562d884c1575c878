package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves that {@link NettyLeakCheck} is active and sees a leak, so a green build means no leaks. */
class LeakCheckSelfTest {
    @Test
    void leakDetectorRunsAtParanoidWithTheRecordingFactory() {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
        assertTrue(NettyLeakCheck.installed(), "NettyLeakCheck was not auto-registered");
    }

    @Test
    void anUnreleasedBufferIsReported() throws InterruptedException {
        leakOneBuffer();
        List<String> leaks = List.of();
        for (int attempt = 0; attempt < 10 && leaks.isEmpty(); attempt++) {
            NettyLeakCheck.forceLeakReports();
            leaks = NettyLeakCheck.drainLeaks();
        }
        assertFalse(leaks.isEmpty(), "a dropped ByteBuf was not reported");
        assertTrue(leaks.get(0).contains("LEAK"), leaks.get(0));
    }

    @Test
    void aDecodedFrameThatIsNeverReleasedIsReported() throws InterruptedException {
        leakOneFrame();
        List<String> leaks = List.of();
        for (int attempt = 0; attempt < 10 && leaks.isEmpty(); attempt++) {
            NettyLeakCheck.forceLeakReports();
            leaks = NettyLeakCheck.drainLeaks();
        }
        assertFalse(leaks.isEmpty(), "a dropped Frame was not reported");
    }

    private static void leakOneFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100, 100));
        channel.writeInbound(Hex.buf("02 02 68 69"));
        Frame frame = channel.readInbound();
        assertEquals(FrameType.MESSAGE, frame.type());
        // Dropped on purpose: no release().
        assertFalse(channel.finish());
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = NettyLeakCheck.trackedBuffer();
        leaked.writeByte(1);
        // Dropped on purpose: no release().
    }
}
