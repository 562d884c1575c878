package io.quicidl.examples.showcase;

import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.services.health.HealthService;
import io.quicidl.services.health.v1.ServingStatus;
import io.quicidl.services.reflection.ReflectionService;
import java.util.List;

/**
 * The showcase service as a standing server, with health and reflection, for the command-line
 * client: {@code java -cp … io.quicidl.examples.showcase.ShowcaseServe [PORT]} prints the address
 * and the fingerprint to pin.
 */
public final class ShowcaseServe {
    private ShowcaseServe() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7443;
        Identity identity = Identity.selfSigned("localhost");
        Server server = start("127.0.0.1", port, identity);
        System.out.printf("showcase on %s; pin sha256/%s%n", server.localAddress(), identity.fingerprint());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }

    /** Starts the showcase, health (the showcase SERVING) and reflection over both on {@code host:port} (0: any free port). */
    public static Server start(String host, int port, Identity identity) {
        HealthService health = new HealthService();
        List<ServiceDefinition> services =
                List.of(ShowcaseServerBinding.bind(new ShowcaseService()), health.definition());
        Server.Builder builder = Server.builder().bind(host, port).identity(identity);
        services.forEach(builder::addService);
        Server server = builder.addService(ReflectionService.create(services).definition())
                .start();
        health.setStatus(ShowcaseMethods.SERVICE_NAME, ServingStatus.SERVING);
        return server;
    }
}
