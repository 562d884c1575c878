package io.quicidl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.examples.showcase.ShowcaseServe;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar runs on its own: {@code java -jar cli-client/target/quicidl-client.jar}. */
class ClientJarIT {
    @Test
    void theJarCallsTheShowcase() throws Exception {
        Path jar = Path.of(System.getProperty("quicidl.client.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        Identity identity = Identity.selfSigned("localhost");
        try (Server server = ShowcaseServe.start("127.0.0.1", 0, identity)) {
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar.toString(),
                            "--pin",
                            "sha256/" + identity.fingerprint(),
                            "127.0.0.1:" + server.port(),
                            "call",
                            "quicidl.showcase.Showcase/shout",
                            "-d",
                            "{\"value\":\"jar\"}")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the client did not exit");
            assertEquals(0, process.exitValue());
            assertEquals("{\"value\":\"JAR\"}\n", out);
        }
    }
}
