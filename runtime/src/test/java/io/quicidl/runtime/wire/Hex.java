package io.quicidl.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Hex helpers for wire tests: spaces between bytes are ignored on input. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static ByteBuf buf(String hex) {
        return Unpooled.wrappedBuffer(bytes(hex));
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
