package io.quicidl.runtime.call;

import io.quicidl.runtime.transport.StreamListener;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;

/**
 * Listener of a uni stream this side opened and only writes: nothing is read from it, so only
 * stops, writability and connection loss matter. Stray inbound events are freed and ignored.
 */
interface SendOnlyListener extends StreamListener {
    @Override
    default void onFrame(Frame frame) {
        frame.release();
    }

    @Override
    default void onFin() {}

    @Override
    default void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {}
}
