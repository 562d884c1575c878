package io.quicidl.examples.showcase;

import static io.quicidl.examples.showcase.ShowcaseService.text;

import com.google.protobuf.ByteString;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.StatusCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The client side of the showcase: every pattern once, plus a cancel and a declared error. */
final class ShowcaseCalls {
    private static final int BLOCKS = 8;
    private static final int BLOCK_BYTES = 16 * 1024;
    private static final int FRAMES = 20;
    private static final int FRAME_BYTES = 32 * 1024;
    private static final long WAIT_SECONDS = 5;
    private static final String ONE_BIDI_FIN = "1 client bidi stream, FIN both ways";
    /** No call of the demo may hang it: each fails with DEADLINE_EXCEEDED after this long. */
    private static final CallOptions WITHIN = CallOptions.DEFAULT.withTimeout(Duration.ofSeconds(10));

    private final ShowcaseClient client;
    private final ShowcaseService service;

    ShowcaseCalls(ShowcaseClient client, ShowcaseService service) {
        this.client = client;
        this.service = service;
    }

    List<Step> steps() {
        return List.of(
                new Step(ShowcaseMethods.SHOUT, "", this::shout, ONE_BIDI_FIN),
                new Step(ShowcaseMethods.SHOUT, "declared error", this::shoutNothing, ONE_BIDI_FIN),
                new Step(ShowcaseMethods.COUNTDOWN, "", this::countdown, ONE_BIDI_FIN),
                new Step(
                        ShowcaseMethods.COUNTDOWN,
                        "cancel",
                        this::countdownCancelled,
                        "1 client bidi stream, .*client STOP_SENDING CANCELLED.*"),
                new Step(ShowcaseMethods.SUMMARIZE, "", this::summarize, ONE_BIDI_FIN),
                new Step(ShowcaseMethods.ECHO, "", this::echo, ONE_BIDI_FIN),
                new Step(ShowcaseMethods.LOG, "", this::log, "1 client uni stream, client FIN"),
                new Step(
                        ShowcaseMethods.BLOCKS,
                        "",
                        this::blocks,
                        "1 client bidi \\+ " + BLOCKS + " server uni streams, FIN on every stream"),
                new Step(ShowcaseMethods.FEED, "", this::feed, "\\d+ client uni streams, .*"));
    }

    private String shout() {
        String reply = client.shout(text("hello"), WITHIN).value();
        expect(reply.equals("HELLO"), "shout(\"hello\") returned \"" + reply + "\"");
        return "\"hello\" -> \"HELLO\"";
    }

    private String shoutNothing() {
        try {
            client.shout(text(""), WITHIN);
        } catch (Rejected e) {
            return "\"\" -> Rejected: " + e.reason();
        }
        throw new IllegalStateException("shout(\"\") was not rejected");
    }

    private String countdown() {
        List<String> numbers = new ArrayList<>();
        try (ResponseStream<Text> responses = client.countdown(text("3"), WITHIN)) {
            responses.forEach(number -> numbers.add(number.value()));
        }
        expect(numbers.equals(List.of("3", "2", "1")), "countdown from 3 gave " + numbers);
        return "3 2 1";
    }

    private String countdownCancelled() throws Exception {
        int read = 0;
        try (ResponseStream<Text> responses = client.countdown(text("1000000"), WITHIN)) {
            Iterator<Text> numbers = responses.iterator();
            while (read < 3 && numbers.hasNext()) {
                numbers.next();
                read++;
            }
        }
        expect(read == 3, "countdown from 1000000 ended after " + read + " numbers");
        StatusCode seen = service.countdownStopped.get(WAIT_SECONDS, TimeUnit.SECONDS);
        expect(seen == StatusCode.CANCELLED, "the countdown handler saw " + seen);
        return "closed after 3 of 1000000; the handler saw " + seen;
    }

    private String summarize() {
        List<String> words = List.of("one", "two", "three", "four", "five");
        ClientStreamCall<Text, Summary> call = client.summarize(WITHIN);
        words.forEach(word -> call.send(text(word)));
        Summary summary = call.complete();
        expect(
                summary.count() == words.size()
                        && summary.totalBytes()
                                == words.stream().mapToInt(String::length).sum(),
                "summary " + summary);
        return summary.count() + " texts, " + summary.totalBytes() + " bytes";
    }

    private String echo() {
        List<String> words = List.of("ping", "pong", "ping");
        DuplexCall<Text, Text> call = client.echo(WITHIN);
        Iterator<Text> replies = call.iterator();
        for (String word : words) {
            call.send(text(word));
            expect(replies.hasNext(), "no echo of \"" + word + "\"");
            String reply = replies.next().value();
            expect(reply.equals(word), "\"" + word + "\" echoed as \"" + reply + "\"");
        }
        call.complete();
        expect(!replies.hasNext(), "an echo nobody asked for");
        return words.size() + " texts, each echoed before the next was sent";
    }

    private String log() throws Exception {
        List<String> lines = List.of("starting", "working", "done");
        NotificationSink<Text> log = client.log(WITHIN);
        lines.forEach(line -> log.send(text(line)));
        log.complete();
        List<String> logged = service.loggedLines.get(WAIT_SECONDS, TimeUnit.SECONDS);
        expect(logged.equals(lines), "the server logged " + logged);
        return lines.size() + " lines, in order, no reply";
    }

    private String blocks() {
        List<Long> arrival = new ArrayList<>();
        BlockRequest request =
                BlockRequest.newBuilder().count(BLOCKS).blockBytes(BLOCK_BYTES).build();
        try (ResponseStream<Indexed<Block>> blocks = client.blocks(request, WITHIN)) {
            for (Indexed<Block> block : blocks) {
                expect(
                        block.value().equals(ShowcaseService.block(block.index(), BLOCK_BYTES)),
                        "block " + block.index() + " arrived damaged");
                arrival.add(block.index());
            }
        }
        expect(arrival.stream().sorted().distinct().count() == BLOCKS, "blocks arrived: " + arrival);
        return BLOCKS + " x " + BLOCK_BYTES / 1024 + " KiB, arrival order " + arrival;
    }

    private String feed() throws Exception {
        RealtimeSink<Frame> feed = client.feed(WITHIN);
        ByteString pixels = ByteString.copyFrom(new byte[FRAME_BYTES]);
        for (int sequence = 0; sequence < FRAMES; sequence++) {
            feed.send(Frame.newBuilder().sequence(sequence).pixels(pixels).build());
        }
        feed.complete();
        List<Long> shown = service.shownFrames.get(WAIT_SECONDS, TimeUnit.SECONDS);
        expect(
                !shown.isEmpty() && shown.get(shown.size() - 1) == FRAMES - 1,
                "the newest frame was not shown last: " + shown);
        for (int i = 1; i < shown.size(); i++) {
            expect(shown.get(i) > shown.get(i - 1), "frames shown out of order: " + shown);
        }
        return FRAMES + " frames sent, one stream each, then 1 stream that ends the call; " + shown.size()
                + " shown, the newest last: a frame that arrives while the server shows another makes the"
                + " older ones stale, so the server skips them";
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
