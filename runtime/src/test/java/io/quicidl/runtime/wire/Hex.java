package io.quicidl.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.HexFormat;

/** Hex helpers for wire tests: spaces between bytes are ignored on input. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /**
     * A buffer holding these bytes, from Netty's default allocator, so the leak detector tracks it
     * and every slice or frame that comes from it ({@code Unpooled.wrappedBuffer} is not tracked).
     */
    static ByteBuf buf(String hex) {
        return tracked(bytes(hex));
    }

    /** A tracked buffer holding {@code bytes} (see {@link #buf}). */
    static ByteBuf tracked(byte[] bytes) {
        return ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
    }

    /** A tracked buffer holding {@code length} bytes of {@code bytes} from {@code offset}. */
    static ByteBuf tracked(byte[] bytes, int offset, int length) {
        return ByteBufAllocator.DEFAULT.buffer(length).writeBytes(bytes, offset, length);
    }

    /** The readable bytes of {@code buf} as space-separated lowercase hex; releases {@code buf}. */
    static String ofAndRelease(ByteBuf buf) {
        try {
            return of(buf);
        } finally {
            buf.release();
        }
    }

    /** The readable bytes of {@code buf} as space-separated lowercase hex. */
    static String of(ByteBuf buf) {
        return of(ByteBufUtil.getBytes(buf));
    }

    static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
