package io.quicidl.examples.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.Metadata;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The vault over loopback QUIC with mutual TLS: authorisation by certificate CN. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthzExampleTest {
    private final AuthzExample example = new AuthzExample();

    @AfterEach
    void close() {
        example.close();
    }

    @Test
    void aReaderMayReadButItsWriteIsRefusedBeforeTheHandler() {
        try (Client asAdmin = example.connect(example.admin());
                Client asReader = example.connect(example.reader())) {
            VaultClient admin = new VaultClient(asAdmin);
            VaultClient reader = new VaultClient(asReader);
            admin.write(WriteRequest.newBuilder().name("db").value("v1").build());

            Secret secret = reader.read(ReadRequest.newBuilder().name("db").build());
            assertEquals("v1", secret.value());
            assertEquals("admin", secret.writtenBy());

            StatusException refused = assertThrows(
                    StatusException.class,
                    () -> reader.write(
                            WriteRequest.newBuilder().name("db").value("v2").build()));
            assertEquals(StatusCode.PERMISSION_DENIED, refused.code());
            assertEquals("client CN=reader may not call /quicidl.vault.Vault/write", refused.description());
            assertEquals(1, example.vault().writes());
            assertEquals(
                    "v1",
                    reader.read(ReadRequest.newBuilder().name("db").build()).value());
        }
    }

    @Test
    void aClientCannotClaimAnotherIdentityThroughMetadata() {
        try (Client asAdmin = example.connect(example.admin())) {
            new VaultClient(asAdmin)
                    .write(
                            WriteRequest.newBuilder().name("k").value("v").build(),
                            CallOptions.DEFAULT.withMetadata(Metadata.builder()
                                    .add(PeerAuthorization.PEER_KEY, "someone-else")
                                    .build()));
            assertEquals(
                    "admin",
                    new VaultClient(asAdmin)
                            .read(ReadRequest.newBuilder().name("k").build())
                            .writtenBy());
        }
    }

    @Test
    void theExampleLogsEachCallsStatus() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        example.run(lines::add);
        assertEquals(
                List.of(
                        "admin  /quicidl.vault.Vault/write -> OK",
                        "reader /quicidl.vault.Vault/read -> OK",
                        "reader read \"s3cret\", written by admin",
                        "reader /quicidl.vault.Vault/write -> PERMISSION_DENIED: client CN=reader may not call /quicidl.vault.Vault/write",
                        "reader's write refused: PERMISSION_DENIED (writes run: 1)"),
                lines);
    }
}
