package io.quicidl.examples.showcase;

import com.google.protobuf.ByteString;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.UnorderedSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The server side of the showcase: one small handler per pattern. What the handlers of the
 * fire-and-forget patterns saw, and how the cancelled countdown ended, is kept in futures so the
 * demo can check it.
 */
final class ShowcaseService implements ShowcaseServer {
    /** How long the live-feed handler takes to "show" one frame: slower than the sender on purpose. */
    static final long FRAME_SHOW_MILLIS = 25;

    /** The lines of the {@code log} call, once its stream ended. */
    final CompletableFuture<List<String>> loggedLines = new CompletableFuture<>();
    /** The sequence numbers of the frames the {@code feed} handler got, once the feed ended. */
    final CompletableFuture<List<Long>> shownFrames = new CompletableFuture<>();
    /** The status a {@code countdown} handler saw when the client stopped listening. */
    final CompletableFuture<StatusCode> countdownStopped = new CompletableFuture<>();

    @Override
    public Text shout(Text request, ServerCallContext context) {
        if (request.value().isBlank()) {
            throw new Rejected("there is nothing to shout");
        }
        return text(request.value().toUpperCase(Locale.ROOT));
    }

    @Override
    public void countdown(Text request, ResponseSink<Text> responses, ServerCallContext context) {
        long from = parseCount(request.value());
        try {
            for (long n = from; n > 0; n--) {
                responses.send(text(Long.toString(n)));
            }
        } catch (StatusException e) {
            countdownStopped.complete(e.code());
            throw e;
        }
    }

    @Override
    public Summary summarize(RequestStream<Text> requests, ServerCallContext context) {
        int count = 0;
        long bytes = 0;
        for (Text text : requests) {
            count++;
            bytes += text.value().getBytes(StandardCharsets.UTF_8).length;
        }
        return Summary.newBuilder().count(count).totalBytes(bytes).build();
    }

    @Override
    public void echo(RequestStream<Text> requests, ResponseSink<Text> responses, ServerCallContext context) {
        for (Text text : requests) {
            responses.send(text);
        }
    }

    @Override
    public void log(RequestStream<Text> requests, ServerCallContext context) {
        List<String> lines = new ArrayList<>();
        for (Text line : requests) {
            lines.add(line.value());
        }
        loggedLines.complete(lines);
    }

    @Override
    public void blocks(BlockRequest request, UnorderedSink<Block> responses, ServerCallContext context) {
        for (int index = 0; index < request.count(); index++) {
            responses.send(index, block(index, request.blockBytes()));
        }
    }

    @Override
    public void feed(RequestStream<Frame> requests, ServerCallContext context) {
        List<Long> shown = new ArrayList<>();
        for (Frame frame : requests) {
            shown.add(frame.sequence());
            pause(FRAME_SHOW_MILLIS);
        }
        shownFrames.complete(shown);
    }

    /** The block the server sends for {@code index}: every byte is the index, so the client can check it. */
    static Block block(long index, int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) index);
        return Block.newBuilder().index(index).data(ByteString.copyFrom(data)).build();
    }

    static Text text(String value) {
        return Text.newBuilder().value(value).build();
    }

    private static long parseCount(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new StatusException(StatusCode.INVALID_ARGUMENT, "not a number: " + value);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException(StatusCode.CANCELLED, "interrupted");
        }
    }
}
