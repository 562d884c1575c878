package it.greeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import it.greeter.api.GreeterClient;
import it.greeter.api.GreeterServer;
import it.greeter.api.GreeterServerBinding;
import it.greeter.api.Greeting;
import it.greeter.api.Hello;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The generated stubs, built by the plugin, make a real call over loopback QUIC. */
class GreeterCallTest {

    @Test
    void generatedClientCallsGeneratedServer() {
        Identity identity = Identity.selfSigned("localhost", "127.0.0.1");
        GreeterServer greeter = (Hello hello, ServerCallContext context) ->
                Greeting.newBuilder().text("hello, " + hello.name()).build();
        Server server = Server.builder().identity(identity).addService(GreeterServerBinding.bind(greeter)).start();
        try (Client client = Client.builder()
                .address("127.0.0.1", server.port())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect()) {
            Greeting greeting = new GreeterClient(client).greet(Hello.newBuilder().name("plugin").build());
            assertEquals("hello, plugin", greeting.text());
        } finally {
            server.shutdown(Duration.ofSeconds(2));
        }
    }
}
