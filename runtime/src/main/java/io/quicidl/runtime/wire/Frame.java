package io.quicidl.runtime.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One decoded frame: its type and its payload (without the type and length prefix). The holder
 * owns the payload: whoever receives a frame must release it.
 */
public final class Frame extends DefaultByteBufHolder {
    private final FrameType type;

    public Frame(FrameType type, ByteBuf payload) {
        super(payload);
        this.type = type;
    }

    public FrameType type() {
        return type;
    }

    @Override
    public Frame replace(ByteBuf content) {
        return new Frame(type, content);
    }

    @Override
    public Frame retain() {
        super.retain();
        return this;
    }

    @Override
    public Frame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return type + "(" + content().readableBytes() + " bytes)";
    }
}
