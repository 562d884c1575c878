package io.quicidl.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a stream's bytes into {@link Frame}s (SPEC.md §2). Checks the type and the declared
 * length against the limits before buffering a payload, so an oversized frame never costs memory
 * (SPEC.md §7.3). A violation is thrown as a {@link FrameException}; after one the decoder drops
 * everything else the stream delivers, because the stream is being aborted.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private int maxMessageBytes;
    private final int maxControlFrameBytes;
    private boolean failed;

    /**
     * @param maxMessageBytes largest MESSAGE payload accepted
     * @param maxControlFrameBytes largest payload of any other frame type
     */
    public FrameDecoder(int maxMessageBytes, int maxControlFrameBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxControlFrameBytes = maxControlFrameBytes;
    }

    /**
     * Changes the MESSAGE limit for frames not read yet: a call applies its method's
     * {@code @max_message_bytes} once the CALL frame has named the method.
     */
    public void maxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Frame frame = FrameReader.next(in, maxMessageBytes, maxControlFrameBytes);
            if (frame != null) {
                out.add(frame);
            }
        } catch (FrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            failed = true;
            int left = in.readableBytes();
            in.skipBytes(left);
            throw new FrameException(
                    ErrorCode.PROTOCOL_ERROR,
                    "stream finished inside a frame (" + left + " bytes of an incomplete frame)");
        }
    }
}
