package io.quicidl.runtime.call;

import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;

/**
 * The server of {@link PeerKilledTest}, run in a JVM of its own: serves a {@link StuckService},
 * prints {@code PORT <port> <fingerprint>}, then {@value #RUNNING} once as many handlers run as
 * its argument says, and waits to be killed.
 */
final class StuckServerMain {
    static final String PORT = "PORT";
    static final String RUNNING = "HANDLERS RUNNING";

    private StuckServerMain() {}

    public static void main(String[] args) throws Exception {
        int handlers = Integer.parseInt(args[0]);
        Identity identity = Identity.selfSigned("localhost");
        Server server = Server.builder()
                .identity(identity)
                .addService(new StuckService().definition())
                .start();
        System.out.println(PORT + " " + server.port() + " " + identity.fingerprint());
        System.out.flush();
        while (server.runningHandlers() < handlers) {
            Thread.sleep(5);
        }
        System.out.println(RUNNING);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
