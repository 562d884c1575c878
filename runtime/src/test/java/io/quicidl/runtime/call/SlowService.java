package io.quicidl.runtime.call;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.Indexed;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Handlers of every pattern with an answer that take a while: each waits at a {@link #gate}, then
 * works for the milliseconds its first request names, then answers in full. {@link #call} makes one
 * call and checks the whole answer. ({@code @notifications} and {@code @realtime} have no answer
 * a caller could count; their calls' end at a close is in {@link ConnectionEndScenarios}.)
 */
final class SlowService {
    static final List<Pattern> PATTERNS = List.of(
            Pattern.UNARY, Pattern.SERVER_STREAMING, Pattern.CLIENT_STREAMING, Pattern.DUPLEX, Pattern.UNORDERED);
    private static final MethodDescriptor<Text, Text> UNARY = bidi("unary", Pattern.UNARY);
    private static final MethodDescriptor<Text, Text> SERVER_STREAMING =
            bidi("serverStreaming", Pattern.SERVER_STREAMING);
    private static final MethodDescriptor<Text, Text> CLIENT_STREAMING =
            bidi("clientStreaming", Pattern.CLIENT_STREAMING);
    private static final MethodDescriptor<Text, Text> DUPLEX = bidi("duplex", Pattern.DUPLEX);
    private static final MethodDescriptor<Text, Text> UNORDERED = bidi("unordered", Pattern.UNORDERED);
    /** Messages in each streamed half. */
    private static final int MESSAGES = 3;

    /** Handlers wait here until it opens, so that tests can hold every call in flight. */
    final CountDownLatch gate = new CountDownLatch(1);

    private static MethodDescriptor<Text, Text> bidi(String name, Pattern pattern) {
        return MethodDescriptor.<Text, Text>builder("/test.Slow/" + name, pattern)
                .requestCodec(Text.CODEC)
                .responseCodec(Text.CODEC)
                .build();
    }

    ServiceDefinition definition() {
        return ServiceDefinition.builder("test.Slow")
                .add(ServerMethod.unary(UNARY, (request, context) -> work(request)))
                .add(ServerMethod.serverStreaming(SERVER_STREAMING, (request, responses, context) -> {
                    Text answer = work(request);
                    for (int i = 0; i < MESSAGES; i++) {
                        responses.send(answer);
                    }
                }))
                .add(ServerMethod.clientStreaming(CLIENT_STREAMING, (requests, context) -> workOnAll(requests)))
                .add(ServerMethod.duplex(DUPLEX, (requests, responses, context) -> {
                    Text answer = workOnAll(requests);
                    for (int i = 0; i < MESSAGES; i++) {
                        responses.send(answer);
                    }
                }))
                .add(ServerMethod.unordered(UNORDERED, (request, responses, context) -> {
                    Text answer = work(request);
                    for (int i = 0; i < MESSAGES; i++) {
                        responses.send(i, answer);
                    }
                }))
                .build();
    }

    private Text workOnAll(RequestStream<Text> requests) {
        Text first = null;
        for (Text request : requests) {
            first = first == null ? request : first;
        }
        return work(first);
    }

    private Text work(Text request) {
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new StatusException(StatusCode.DEADLINE_EXCEEDED, "the test never opened the gate");
            }
            Thread.sleep(Long.parseLong(request.value()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException(StatusCode.CANCELLED, "interrupted");
        }
        return Text.of("done " + request.value());
    }

    /**
     * One call of {@code pattern} whose handler works {@code millis} once the gate opens; returns
     * normally only if the whole answer arrived, else throws what the call threw.
     */
    static void call(Channel channel, Pattern pattern, long millis) throws Exception {
        Text request = Text.of(Long.toString(millis));
        Text expected = Text.of("done " + millis);
        CallOptions none = CallOptions.DEFAULT;
        List<Text> answers = new ArrayList<>();
        switch (pattern) {
            case UNARY -> answers.add(ClientCalls.unary(channel, UNARY, request, none));
            case SERVER_STREAMING -> {
                try (var responses = ClientCalls.serverStreaming(channel, SERVER_STREAMING, request, none)) {
                    responses.forEach(answers::add);
                }
            }
            case CLIENT_STREAMING -> {
                var call = ClientCalls.clientStreaming(channel, CLIENT_STREAMING, none);
                for (int i = 0; i < MESSAGES; i++) {
                    call.send(request);
                }
                answers.add(call.complete());
            }
            case DUPLEX -> {
                try (var call = ClientCalls.duplex(channel, DUPLEX, none)) {
                    for (int i = 0; i < MESSAGES; i++) {
                        call.send(request);
                    }
                    call.complete();
                    call.forEach(answers::add);
                }
            }
            case UNORDERED -> {
                try (var responses = ClientCalls.unordered(channel, UNORDERED, request, none)) {
                    for (Indexed<Text> response : responses) {
                        answers.add(response.value());
                    }
                }
            }
            default -> throw new IllegalArgumentException(pattern + " has no answer");
        }
        int count = pattern == Pattern.UNARY || pattern == Pattern.CLIENT_STREAMING ? 1 : MESSAGES;
        if (!answers.equals(java.util.Collections.nCopies(count, expected))) {
            throw new AssertionError(pattern + " answered " + answers);
        }
    }
}
