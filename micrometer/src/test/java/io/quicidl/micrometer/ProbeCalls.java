package io.quicidl.micrometer;

import static io.quicidl.micrometer.ProbeService.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.micrometer.probe.ProbeClient;
import io.quicidl.micrometer.probe.Word;
import io.quicidl.runtime.ClientStreamCall;
import io.quicidl.runtime.DuplexCall;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RealtimeSink;
import io.quicidl.runtime.ResponseStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One successful call of each pattern, with known message counts (see each method). */
final class ProbeCalls {
    private final ProbeClient probe;

    ProbeCalls(ProbeClient probe) {
        this.probe = probe;
    }

    /** 1 request, 1 response. */
    void unary() {
        assertEquals("hi", probe.echo(word("hi")).value());
    }

    /** 1 request, 3 responses. */
    void serverStreaming() {
        List<String> got = new ArrayList<>();
        try (ResponseStream<Word> words = probe.repeat(word("abc"))) {
            words.forEach(w -> got.add(w.value()));
        }
        assertEquals(List.of("abc", "abc", "abc"), got);
    }

    /** 3 requests, 1 response. */
    void clientStreaming() {
        ClientStreamCall<Word, Word> call = probe.join();
        List.of("a", "b", "c").forEach(w -> call.send(word(w)));
        assertEquals("abc", call.complete().value());
    }

    /** 2 requests, 2 responses. */
    void duplex() {
        DuplexCall<Word, Word> call = probe.chat();
        Iterator<Word> replies = call.iterator();
        for (String w : List.of("x", "y")) {
            call.send(word(w));
            assertEquals(w, replies.next().value());
        }
        call.complete();
        while (replies.hasNext()) {
            replies.next();
        }
    }

    /** 3 requests, no response. */
    void notifications() {
        NotificationSink<Word> sink = probe.note();
        List.of("a", "b", "c").forEach(w -> sink.send(word(w)));
        sink.complete();
    }

    /** 1 request, 2 responses. */
    void unordered() {
        int count = 0;
        try (ResponseStream<Indexed<Word>> words = probe.scatter(word("ab"))) {
            for (Indexed<Word> ignored : words) {
                count++;
            }
        }
        assertEquals(2, count);
    }

    /** 1 to 3 requests reach the handler (stale ones may be dropped), no response. */
    void realtime() {
        RealtimeSink<Word> sink = probe.live();
        List.of("a", "b", "c").forEach(w -> sink.send(word(w)));
        sink.complete();
    }
}
