package io.quicidl.runtime.call;

import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.wire.ErrorCode;

/** Listener of a stream whose call is already answered: frees whatever still arrives. */
final class DiscardingListener implements SendOnlyListener {
    static final DiscardingListener INSTANCE = new DiscardingListener();

    private DiscardingListener() {}

    @Override
    public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {}

    @Override
    public void onWritable() {}

    @Override
    public void onConnectionLost(StatusCode code, String description) {}
}
