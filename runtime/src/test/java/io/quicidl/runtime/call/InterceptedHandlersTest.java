package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quicidl.runtime.CallListener;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.InProcessChannel;
import io.quicidl.runtime.InProcessServer;
import io.quicidl.runtime.ServerCallListener;
import io.quicidl.runtime.ServerInterceptor;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server interceptors around an async {@code @unary} handler (whose call ends when its stage
 * completes, not when it returns), listeners that want no messages, and listeners that throw.
 */
@Timeout(60)
class InterceptedHandlersTest {
    private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    private final AtomicInteger handled = new AtomicInteger();
    private final CompletableFuture<Text> pending = new CompletableFuture<>();

    private InProcessServer serve(ServerInterceptor... interceptors) {
        ServiceDefinition service = ServiceDefinition.builder("test.Echo")
                .add(ServerMethod.unaryAsync(EchoService.UNARY, (request, context) -> {
                    handled.incrementAndGet();
                    log.add("handler");
                    return request.value().equals("later")
                            ? pending
                            : CompletableFuture.failedFuture(new StatusException(StatusCode.ABORTED, "no"));
                }))
                .build();
        InProcessServer.Builder builder = InProcessServer.builder().addService(service);
        for (ServerInterceptor interceptor : interceptors) {
            builder.intercept(interceptor);
        }
        return builder.start();
    }

    private ServerInterceptor recording(boolean messages) {
        return call -> new ServerCallListener() {
            @Override
            public boolean observesMessages() {
                return messages;
            }

            @Override
            public void runHandler(Runnable handler) {
                log.add("enter");
                handler.run();
                log.add("exit");
            }

            @Override
            public void onRequest(Object request, int encodedSize) {
                log.add("request " + request + " " + encodedSize + " bytes");
            }

            @Override
            public void onResponse(Object response, int encodedSize) {
                log.add("response " + response + " " + encodedSize + " bytes");
            }

            @Override
            public void onClose(StatusCode code, String description) {
                log.add("close " + code + " " + description);
            }
        };
    }

    private List<String> take(int count) throws InterruptedException {
        String[] taken = new String[count];
        for (int i = 0; i < count; i++) {
            taken[i] = log.poll(20, TimeUnit.SECONDS);
        }
        return List.of(taken);
    }

    @Test
    void anAsyncHandlersCallClosesWhenItsStageCompletes() throws Exception {
        try (InProcessServer server = serve(recording(true));
                InProcessChannel channel = server.newChannel()) {
            CompletableFuture<Text> response =
                    ClientCalls.unaryAsync(channel, EchoService.UNARY, Text.of("later"), CallOptions.DEFAULT);
            assertEquals(List.of("enter", "request Text[value=later] 7 bytes", "handler", "exit"), take(4));
            pending.complete(Text.of("done"));
            assertEquals(Text.of("done"), response.get(20, TimeUnit.SECONDS));
            assertEquals(List.of("response Text[value=done] 6 bytes", "close OK "), take(2));
        }
    }

    @Test
    void aFailedStageClosesWithItsStatusAndListenersWithoutMessagesSeeNone() throws Exception {
        try (InProcessServer server = serve(recording(false));
                InProcessChannel channel = server.newChannel()) {
            StatusException failure = assertThrows(
                    StatusException.class,
                    () -> ClientCalls.unary(channel, EchoService.UNARY, Text.of("now"), CallOptions.DEFAULT));
            assertEquals(StatusCode.ABORTED, failure.code());
            assertEquals(List.of("enter", "handler", "exit", "close ABORTED no"), take(4));
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakTheCall() throws Exception {
        ServerInterceptor broken = call -> new ServerCallListener() {
            @Override
            public void onRequest(Object request, int encodedSize) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (InProcessServer server = serve(broken);
                InProcessChannel channel = server.newChannel()) {
            CallListener clientBroken = new CallListener() {
                @Override
                public void onClose(StatusCode code, String description) {
                    throw new IllegalStateException("listener bug");
                }
            };
            CompletableFuture<Text> response = ClientCalls.unaryAsync(
                    channel.intercept(call -> clientBroken), EchoService.UNARY, Text.of("later"), CallOptions.DEFAULT);
            pending.complete(Text.of("done"));
            assertEquals(Text.of("done"), response.get(20, TimeUnit.SECONDS));
            assertEquals(1, handled.get());
        }
    }

    @Test
    void aRefusalBeforeTheHandlerClosesTheListenersBeforeIt() throws Exception {
        ServerInterceptor refuse = call -> {
            throw new StatusException(StatusCode.UNAUTHENTICATED, "who are you");
        };
        try (InProcessServer server = serve(recording(true), refuse);
                InProcessChannel channel = server.newChannel()) {
            StatusException failure = assertThrows(
                    StatusException.class,
                    () -> ClientCalls.unary(channel, EchoService.UNARY, Text.of("now"), CallOptions.DEFAULT));
            assertEquals(StatusCode.UNAUTHENTICATED, failure.code());
            assertEquals(List.of("close UNAUTHENTICATED who are you"), take(1));
            assertEquals(0, handled.get());
        }
    }
}
