package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ClientCalls;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerMethod#unaryAsync}: a non-blocking handler runs on the event loop, a blocking one
 * never does, and an async handler's stage ends the call with its value or failure from any thread.
 */
class AsyncUnaryHandlerTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    @Test
    void onlyAsyncHandlersRunOnTheEventLoop() throws Exception {
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
        ServiceDefinition service = ServiceDefinition.builder("test.Echo")
                .add(ServerMethod.unaryAsync(EchoService.UNARY, (request, context) -> {
                    onEventLoop.add(isEventLoopThread());
                    return CompletableFuture.completedFuture(Text.of("echo:" + request.value()));
                }))
                .add(ServerMethod.unary(EchoService.BIG, (request, context) -> {
                    onEventLoop.add(isEventLoopThread());
                    return request;
                }))
                .add(ServerMethod.serverStreaming(EchoService.COUNT, (request, responses, context) -> {
                    onEventLoop.add(isEventLoopThread());
                    responses.send(Text.of("1"));
                }))
                .build();
        try (Server server = serve(service);
                Client client = connect(server)) {
            for (int i = 0; i < 50; i++) {
                Text request = Text.of(Integer.toString(i));
                assertEquals(
                        Text.of("echo:" + i),
                        ClientCalls.unary(client, EchoService.UNARY, request, CallOptions.DEFAULT));
            }
            assertEquals(Text.of("x"), ClientCalls.unary(client, EchoService.BIG, Text.of("x"), CallOptions.DEFAULT));
            int received = 0;
            for (Text ignored :
                    ClientCalls.serverStreaming(client, EchoService.COUNT, Text.of("1"), CallOptions.DEFAULT)) {
                received++;
            }
            assertEquals(1, received);
        }
        assertTrue(onEventLoop.subList(0, 50).stream().allMatch(b -> b), onEventLoop.toString());
        assertEquals(List.of(false, false), onEventLoop.subList(50, 52));
    }

    @Test
    void aStageCompletedLaterOnAnotherThreadAnswersTheCall() throws Exception {
        ExecutorService work = Executors.newSingleThreadExecutor();
        ServiceDefinition service = ServiceDefinition.builder("test.Echo")
                .add(ServerMethod.unaryAsync(
                        EchoService.UNARY,
                        (request, context) ->
                                CompletableFuture.supplyAsync(() -> Text.of("later:" + request.value()), work)))
                .build();
        try (Server server = serve(service);
                Client client = connect(server)) {
            assertEquals(
                    Text.of("later:a"),
                    ClientCalls.unary(client, EchoService.UNARY, Text.of("a"), CallOptions.DEFAULT));
        } finally {
            work.shutdown();
        }
    }

    @Test
    void aThrownOrFailedOrNullAsyncHandlerAnswersWithItsStatus() {
        ServiceDefinition service = ServiceDefinition.builder("test.Echo")
                .add(ServerMethod.unaryAsync(EchoService.UNARY, (request, context) -> switch (request.value()) {
                    case "throw" -> throw new StatusException(StatusCode.NOT_FOUND, "no " + request.value());
                    case "fail" ->
                        CompletableFuture.failedFuture(new StatusException(StatusCode.PERMISSION_DENIED, "not yours"));
                    case "null value" -> CompletableFuture.completedFuture(null);
                    default -> null;
                }))
                .build();
        try (Server server = serve(service);
                Client client = connect(server)) {
            assertEquals(StatusCode.NOT_FOUND, codeOf(client, "throw"));
            assertEquals(StatusCode.PERMISSION_DENIED, codeOf(client, "fail"));
            assertEquals(StatusCode.INTERNAL, codeOf(client, "null value"));
            assertEquals(StatusCode.INTERNAL, codeOf(client, "null stage"));
        }
    }

    private static StatusCode codeOf(Client client, String request) {
        return assertThrows(
                        StatusException.class,
                        () -> ClientCalls.unary(client, EchoService.UNARY, Text.of(request), CallOptions.DEFAULT))
                .code();
    }

    private static boolean isEventLoopThread() {
        return Thread.currentThread().getName().startsWith("quicidl-server");
    }

    private static Server serve(ServiceDefinition service) {
        return Server.builder().identity(IDENTITY).addService(service).start();
    }

    private static Client connect(Server server) {
        return Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .connect();
    }
}
