package io.quicidl.examples.telemetry;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;

/**
 * A dashboard server and a sensor connected to it, in one process over loopback QUIC: the server
 * has a self-signed certificate, the client pins its fingerprint. Closing closes both.
 */
final class LocalTelemetry implements AutoCloseable {
    private final Server server;
    private final Client client;
    private final TelemetryClient telemetry;

    LocalTelemetry(Dashboard dashboard) {
        Identity identity = Identity.selfSigned("localhost");
        server = Server.builder()
                .identity(identity)
                .addService(TelemetryServerBinding.bind(dashboard))
                .start();
        client = Client.builder()
                .address(server.localAddress())
                .serverName("localhost")
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
        telemetry = new TelemetryClient(client);
    }

    Sensor sensor(int snapshotBytes) {
        return new Sensor(telemetry, snapshotBytes);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
