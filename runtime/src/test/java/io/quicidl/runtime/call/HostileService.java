package io.quicidl.runtime.call;

import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.Pattern;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import java.time.Duration;

/** What hostile clients call: cheap and slow handlers, a held request stream, big responses, realtime. */
final class HostileService {
    static final MethodDescriptor<Text, Text> QUICK = bidi("/test.Hostile/quick", Pattern.UNARY);
    /** Takes {@link #SLOW_MILLIS}: what a rapid-reset attacker makes the server start for nothing. */
    static final MethodDescriptor<Text, Text> SLOW = bidi("/test.Hostile/slow", Pattern.UNARY);
    /** Reads requests until the client ends them: a slowloris client never does. */
    static final MethodDescriptor<Text, Text> HOLD = bidi("/test.Hostile/hold", Pattern.CLIENT_STREAMING);
    /** Sends {@link #BIG_BYTES} messages until the client stops it: the request says how many. */
    static final MethodDescriptor<Text, Text> BIG = bidi("/test.Hostile/big", Pattern.SERVER_STREAMING);

    static final MethodDescriptor<Text, Void> FRAMES = MethodDescriptor.<Text, Void>builder(
                    "/test.Hostile/frames", Pattern.REALTIME)
            .requestCodec(Text.CODEC)
            .realtimeMaxAge(Duration.ofSeconds(2))
            .build();

    static final long SLOW_MILLIS = 100;
    static final int BIG_BYTES = 64 << 10;

    private static MethodDescriptor<Text, Text> bidi(String name, Pattern pattern) {
        return MethodDescriptor.<Text, Text>builder(name, pattern)
                .requestCodec(Text.CODEC)
                .responseCodec(Text.CODEC)
                .build();
    }

    static ServiceDefinition definition() {
        return ServiceDefinition.builder("test.Hostile")
                .add(ServerMethod.unary(QUICK, (request, context) -> Text.of("ok:" + request.value())))
                .add(ServerMethod.unary(SLOW, HostileService::slow))
                .add(ServerMethod.clientStreaming(HOLD, HostileService::hold))
                .add(ServerMethod.serverStreaming(BIG, HostileService::big))
                .add(ServerMethod.realtime(FRAMES, HostileService::frames))
                .build();
    }

    private static Text slow(Text request, ServerCallContext context) {
        try {
            Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return request;
    }

    private static Text hold(RequestStream<Text> requests, ServerCallContext context) {
        int count = 0;
        for (Text ignored : requests) {
            count++;
        }
        return Text.of("got " + count);
    }

    private static void big(Text request, ResponseSink<Text> responses, ServerCallContext context) {
        Text chunk = Text.of("x".repeat(BIG_BYTES));
        int count = Integer.parseInt(request.value());
        for (int i = 0; i < count; i++) {
            responses.send(chunk);
        }
    }

    private static void frames(RequestStream<Text> requests, ServerCallContext context) {
        for (Text ignored : requests) {
            // Only the newest matters; nothing to do with it here.
        }
    }
}
