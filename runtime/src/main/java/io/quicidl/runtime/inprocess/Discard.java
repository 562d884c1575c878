package io.quicidl.runtime.inprocess;

import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;

/** Listener of a stream the transport itself turned away: frees whatever still arrives. */
final class Discard implements StreamListener {
    static final Discard INSTANCE = new Discard();

    private Discard() {}

    @Override
    public void onFrame(Frame frame) {
        frame.release();
    }

    @Override
    public void onFin() {}

    @Override
    public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {}

    @Override
    public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

    @Override
    public void onWritable() {}

    @Override
    public void onConnectionLost(StatusCode code, String description) {}
}
