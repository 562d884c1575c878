package io.quicidl.runtime.transport;

import io.netty.buffer.ByteBufUtil;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.wire.ErrorCode;
import io.quicidl.runtime.wire.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A stream listener for runtime tests: keeps frames (as type + hex), asks for more, records endings. */
public class RecordingListener implements StreamListener {
    final List<String> frames = new ArrayList<>();
    final CompletableFuture<String> ended = new CompletableFuture<>();
    volatile StreamPort port;

    void attach(StreamPort port) {
        this.port = port;
        port.requestRead();
    }

    synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    @Override
    public void onFrame(Frame frame) {
        synchronized (this) {
            frames.add(frame.type() + ":" + ByteBufUtil.hexDump(frame.content()));
        }
        frame.release();
        port.requestRead();
    }

    @Override
    public void onFin() {
        ended.complete("FIN");
    }

    @Override
    public void onReceiveAborted(ErrorCode code, boolean peerReset, String detail) {
        ended.complete((peerReset ? "RESET " : "ABORT ") + code);
    }

    @Override
    public void onStopped(ErrorCode code, StatusCode status, String statusMessage) {
        ended.complete("STOPPED " + code);
    }

    @Override
    public void onWritable() {}

    @Override
    public void onConnectionLost(StatusCode code, String description) {
        ended.complete("LOST " + code + " " + description);
    }
}
