package com.example.greet;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.InProcessChannel;
import io.quicidl.runtime.InProcessServer;
import io.quicidl.runtime.NotificationSink;
import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;

/** The README's example, verbatim between the markers; ReadmeExampleTest keeps the two equal. */
public class Main {
    // README class begin
    static class Greetings implements GreeterServer {
        public Hello hello(HelloRequest request, ServerCallContext context) throws Unwelcome {
            if (request.name().isEmpty()) {
                throw new Unwelcome("nameless");
            }
            return Hello.newBuilder().text("Hello, " + request.name()).build();
        }

        public void chorus(HelloRequest request, ResponseSink<Hello> responses, ServerCallContext context) {
            for (int i = 1; i <= 3; i++) {
                responses.send(Hello.newBuilder().text(i + ": hello, " + request.name()).build());
            }
        }

        public void wave(RequestStream<HelloRequest> waves, ServerCallContext context) {
            waves.forEach(wave -> System.out.println(wave.name() + " waves"));
        }
    }
    // README class end

    public static void main(String[] args) {
        // README main begin
        Identity identity = Identity.selfSigned("localhost");   // dev mode; Identity.fromPemFiles(...) in production
        try (Server server = Server.builder().bind("127.0.0.1", 7443).identity(identity)
                        .addService(GreeterServerBinding.bind(new Greetings())).start();
                Client client = Client.builder().address("127.0.0.1", 7443)
                        .trust(TrustPolicy.pinned(identity.fingerprint())).connect()) {
            GreeterClient greeter = new GreeterClient(client);
            HelloRequest ada = HelloRequest.newBuilder().name("Ada").build();
            System.out.println(greeter.hello(ada).text());
            try (ResponseStream<Hello> chorus = greeter.chorus(ada)) {   // closing early cancels
                chorus.forEach(hello -> System.out.println(hello.text()));
            }
            NotificationSink<HelloRequest> waves = greeter.wave();
            waves.send(ada);
            waves.complete();
        }   // close(): waits for calls, GOAWAY, DRAINED, then CONNECTION_CLOSE with code 0
        // README main end
        inProcess();
    }

    static void inProcess() {
        // README inprocess begin
        try (InProcessServer server = InProcessServer.builder()
                        .addService(GreeterServerBinding.bind(new Greetings())).start();
                InProcessChannel channel = server.newChannel()) {
            GreeterClient greeter = new GreeterClient(channel);   // the same stub, no socket
            System.out.println("in process: " + greeter.hello(HelloRequest.newBuilder().name("Ada").build()).text());
            try {
                greeter.hello(HelloRequest.newBuilder().build());
            } catch (Unwelcome e) {
                System.out.println("in process: unwelcome, " + e.reason());
            }
        }
        // README inprocess end
    }
}
