package io.quicidl.runtime.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code Server.Builder.unaryHandlersOnEventLoop}: where handlers run, and that calls still work. */
class UnaryOnEventLoopTest {
    private static final Identity IDENTITY = Identity.selfSigned("localhost");

    @Test
    void unaryHandlersRunOnTheEventLoopOnlyWhenAskedAndStreamingOnesNever() throws Exception {
        assertEquals(List.of(true, false), threadsOfOneUnaryAndOneStreamingCall(true));
        assertEquals(List.of(false, false), threadsOfOneUnaryAndOneStreamingCall(false));
    }

    @Test
    void aFailingHandlerOnTheEventLoopStillAnswersWithItsStatus() {
        ServiceDefinition service = ServiceDefinition.builder("test.Echo")
                .add(ServerMethod.unary(EchoService.UNARY, (request, context) -> {
                    throw new StatusException(StatusCode.NOT_FOUND, "no " + request);
                }))
                .build();
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .addService(service)
                        .unaryHandlersOnEventLoop(true)
                        .start();
                Client client = connect(server)) {
            StatusException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    StatusException.class,
                    () -> ClientCalls.unary(client, EchoService.UNARY, Text.of("x"), CallOptions.DEFAULT));
            assertEquals(StatusCode.NOT_FOUND, failure.code());
        }
    }

    /** For a unary and then a server-streaming call: whether its handler ran on an event loop thread. */
    private static List<Boolean> threadsOfOneUnaryAndOneStreamingCall(boolean unaryOnEventLoop) throws Exception {
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
        ServiceDefinition service = ServiceDefinition.builder("test.Echo")
                .add(ServerMethod.unary(EchoService.UNARY, (request, context) -> {
                    onEventLoop.add(isEventLoopThread());
                    return Text.of("echo:" + request.value());
                }))
                .add(ServerMethod.serverStreaming(EchoService.COUNT, (request, responses, context) -> {
                    onEventLoop.add(isEventLoopThread());
                    responses.send(Text.of("1"));
                }))
                .build();
        try (Server server = Server.builder()
                        .identity(IDENTITY)
                        .addService(service)
                        .unaryHandlersOnEventLoop(unaryOnEventLoop)
                        .start();
                Client client = connect(server)) {
            for (int i = 0; i < 50; i++) {
                assertEquals(
                        Text.of("echo:" + i),
                        ClientCalls.unary(
                                client, EchoService.UNARY, Text.of(Integer.toString(i)), CallOptions.DEFAULT));
            }
            int received = 0;
            for (Text ignored :
                    ClientCalls.serverStreaming(client, EchoService.COUNT, Text.of("1"), CallOptions.DEFAULT)) {
                received++;
            }
            assertEquals(1, received);
        }
        assertTrue(onEventLoop.subList(0, 50).stream().allMatch(b -> b == onEventLoop.get(0)), onEventLoop.toString());
        return List.of(onEventLoop.get(0), onEventLoop.get(50));
    }

    private static boolean isEventLoopThread() {
        return Thread.currentThread().getName().startsWith("quicidl-server");
    }

    private static Client connect(Server server) {
        return Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(IDENTITY.fingerprint()))
                .connect();
    }
}
