package it.app;

import com.acme.greeter.sdk.GreeterClient;
import com.acme.greeter.sdk.Hello;
import io.quicidl.runtime.Client;

/** An application that only calls: it needs the SDK jar and nothing generated of its own. */
public final class Greet {
    private Greet() {}

    public static String greet(Client client, String name) {
        return new GreeterClient(client).greet(Hello.newBuilder().name(name).build()).text();
    }
}
