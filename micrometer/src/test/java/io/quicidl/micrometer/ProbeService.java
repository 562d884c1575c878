package io.quicidl.micrometer;

import io.quicidl.micrometer.probe.ProbeServer;
import io.quicidl.micrometer.probe.Refused;
import io.quicidl.micrometer.probe.Word;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.UnorderedSink;

/**
 * One small handler per pattern. {@code echo("no")} fails with a declared error,
 * {@code echo("busy")} with RESOURCE_EXHAUSTED as a limit would, and {@code repeat("forever")}
 * sends until the client stops it.
 */
final class ProbeService implements ProbeServer {
    static Word word(String value) {
        return Word.newBuilder().value(value).build();
    }

    @Override
    public Word echo(Word request, ServerCallContext context) {
        if (request.value().equals("no")) {
            throw new Refused("no is no");
        }
        if (request.value().equals("busy")) {
            throw new StatusException(StatusCode.RESOURCE_EXHAUSTED, "too busy");
        }
        return request;
    }

    @Override
    public void repeat(Word request, ResponseSink<Word> responses, ServerCallContext context) {
        if (request.value().equals("forever")) {
            while (true) {
                responses.send(request);
            }
        }
        for (int i = 0; i < request.value().length(); i++) {
            responses.send(request);
        }
    }

    @Override
    public Word join(RequestStream<Word> requests, ServerCallContext context) {
        StringBuilder joined = new StringBuilder();
        for (Word word : requests) {
            joined.append(word.value());
        }
        return word(joined.toString());
    }

    @Override
    public void chat(RequestStream<Word> requests, ResponseSink<Word> responses, ServerCallContext context) {
        for (Word word : requests) {
            responses.send(word);
        }
    }

    @Override
    public void note(RequestStream<Word> requests, ServerCallContext context) {
        requests.forEach(word -> {});
    }

    @Override
    public void scatter(Word request, UnorderedSink<Word> responses, ServerCallContext context) {
        for (int i = 0; i < request.value().length(); i++) {
            responses.send(i, request);
        }
    }

    @Override
    public void live(RequestStream<Word> requests, ServerCallContext context) {
        requests.forEach(word -> {});
    }
}
