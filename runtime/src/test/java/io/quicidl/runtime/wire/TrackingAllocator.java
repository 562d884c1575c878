package io.quicidl.runtime.wire;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpooled buffers that remember themselves, so a fuzz target can check after each input that
 * every buffer it or the code under test allocated was released: a leak fails that input at once,
 * instead of surfacing (maybe) in a later leak-detector report.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> allocated = new ArrayList<>();

    TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** A heap or direct buffer holding {@code bytes}. */
    ByteBuf copyOf(byte[] bytes, int from, int to, boolean direct) {
        int length = to - from;
        ByteBuf buf = direct ? directBuffer(length) : heapBuffer(length);
        return buf.writeBytes(bytes, from, length);
    }

    /** @throws AssertionError naming the first buffer still referenced */
    void assertAllReleased(String context) {
        for (ByteBuf buf : allocated) {
            if (buf.refCnt() != 0) {
                throw new AssertionError(
                        "leaked buffer (refCnt " + buf.refCnt() + ", " + buf.capacity() + " bytes) after " + context);
            }
        }
    }

    private ByteBuf track(ByteBuf buf) {
        allocated.add(buf);
        return buf;
    }
}
