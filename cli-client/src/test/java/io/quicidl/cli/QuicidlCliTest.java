package io.quicidl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.examples.showcase.ShowcaseServe;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.services.reflection.ReflectionService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line client against the showcase server (with health and reflection) over loopback QUIC. */
class QuicidlCliTest {
    private static Identity identity;
    private static Server server;

    @BeforeAll
    static void start() {
        identity = Identity.selfSigned("localhost");
        server = ShowcaseServe.start("127.0.0.1", 0, identity);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What one run of the client printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new QuicidlCli(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run showcase(String stdin, String... command) {
        List<String> args =
                new ArrayList<>(List.of("--pin", "sha256/" + identity.fingerprint(), "127.0.0.1:" + server.port()));
        args.addAll(List.of(command));
        return run(stdin, args.toArray(String[]::new));
    }

    @Test
    void listNamesEveryServiceThenAServicesMethods() {
        Run services = showcase("", "list");
        assertEquals(0, services.exitCode(), services.err());
        assertEquals(
                List.of("quicidl.health.v1.Health", "quicidl.reflection.v1.Reflection", "quicidl.showcase.Showcase"),
                services.lines());

        Run methods = showcase("", "list", "quicidl.showcase.Showcase");
        assertEquals(0, methods.exitCode(), methods.err());
        assertEquals(7, methods.lines().size(), methods.out());
        assertEquals("quicidl.showcase.Showcase/shout", methods.lines().get(0));
    }

    @Test
    void describeShowsEachMethodsPatternAndAMethodsMessages() {
        Run service = showcase("", "describe", "quicidl.showcase.Showcase");
        assertEquals(0, service.exitCode(), service.err());
        assertTrue(
                service.out()
                        .contains(
                                "  @unary @idempotent rpc shout(quicidl.showcase.Text) returns (quicidl.showcase.Text)"
                                        + " throws quicidl.showcase.Rejected;\n"),
                service.out());
        assertTrue(
                service.out().contains("  @realtime(max_age_ms = 200) rpc feed(stream quicidl.showcase.Frame);\n"),
                service.out());

        Run method = showcase("", "describe", "quicidl.showcase.Showcase/summarize");
        assertEquals(0, method.exitCode(), method.err());
        assertTrue(
                method.out()
                        .contains("message quicidl.showcase.Summary {\n  uint32 count = 1;\n"
                                + "  uint64 total_bytes = 2;  // JSON \"totalBytes\", a string in JSON\n}"),
                method.out());
    }

    @Test
    void callsAUnaryMethodWithJsonFromTheCommandLine() {
        Run shout = showcase("", "call", "quicidl.showcase.Showcase/shout", "-d", "{\"value\": \"quiet\"}");
        assertEquals(0, shout.exitCode(), shout.err());
        assertEquals(List.of("{\"value\":\"QUIET\"}"), shout.lines());
    }

    @Test
    void callsAServerStreamingMethodOneJsonObjectPerLine() {
        Run countdown = showcase("{\"value\": \"3\"}", "call", "quicidl.showcase.Showcase/countdown");
        assertEquals(0, countdown.exitCode(), countdown.err());
        assertEquals(List.of("{\"value\":\"3\"}", "{\"value\":\"2\"}", "{\"value\":\"1\"}"), countdown.lines());
    }

    @Test
    void callsAClientStreamingMethodWithEveryJsonObjectOnStdin() {
        Run summary =
                showcase("{\"value\": \"ab\"}\n{\"value\": \"cde\"}\n", "call", "quicidl.showcase.Showcase/summarize");
        assertEquals(0, summary.exitCode(), summary.err());
        // uint64 is a string in protobuf's JSON mapping.
        assertEquals(List.of("{\"count\":2,\"totalBytes\":\"5\"}"), summary.lines());
    }

    @Test
    void callsTheOtherPatternsToo() {
        Run echo = showcase("{\"value\":\"a\"} {\"value\":\"b\"}", "call", "quicidl.showcase.Showcase/echo");
        assertEquals(0, echo.exitCode(), echo.err());
        assertEquals(List.of("{\"value\":\"a\"}", "{\"value\":\"b\"}"), echo.lines());

        Run blocks = showcase("{\"count\": 2, \"blockBytes\": 1}", "call", "quicidl.showcase.Showcase/blocks");
        assertEquals(0, blocks.exitCode(), blocks.err());
        assertEquals(
                List.of(
                        "{\"index\":\"0\",\"value\":{\"data\":\"AA==\"}}",
                        "{\"index\":\"1\",\"value\":{\"index\":\"1\",\"data\":\"AQ==\"}}"),
                blocks.lines().stream().sorted().toList());

        Run log = showcase("{\"value\":\"line\"}", "call", "quicidl.showcase.Showcase/log");
        assertEquals(0, log.exitCode(), log.err());
        assertEquals("", log.out());
    }

    @Test
    void enumsTravelByName() {
        Run check = showcase(
                "", "call", "quicidl.health.v1.Health/check", "-d", "{\"service\":\"quicidl.showcase.Showcase\"}");
        assertEquals(0, check.exitCode(), check.err());
        assertEquals(List.of("{\"status\":\"SERVING\"}"), check.lines());
    }

    @Test
    void anUnknownMethodExitsWithNotFound() {
        Run run = showcase("{}", "call", "quicidl.showcase.Showcase/whisper");
        assertEquals(4, run.exitCode());
        assertTrue(run.err().contains("service 'quicidl.showcase.Showcase' has no method 'whisper'"), run.err());

        Run service = showcase("", "describe", "no.such.Service");
        assertEquals(4, service.exitCode());
        assertTrue(service.err().contains("the server has no service 'no.such.Service'"), service.err());
    }

    @Test
    void badJsonExitsWithBadInputBeforeCalling() {
        Run broken = showcase("{\"value\": ", "call", "quicidl.showcase.Showcase/shout");
        assertEquals(5, broken.exitCode());
        assertTrue(broken.err().contains("request 1 is not valid JSON"), broken.err());

        Run wrongField = showcase("{\"volume\": 11}", "call", "quicidl.showcase.Showcase/shout");
        assertEquals(5, wrongField.exitCode());
        assertTrue(wrongField.err().contains("does not fit quicidl.showcase.Text"), wrongField.err());
        assertEquals("", wrongField.out());
    }

    @Test
    void aServerErrorExitsWithTenPlusTheStatusCode() {
        Run rejected = showcase("{}", "call", "quicidl.showcase.Showcase/shout");
        assertEquals(10 + 9, rejected.exitCode(), rejected.err()); // FAILED_PRECONDITION: a declared error
        assertTrue(rejected.err().contains("ERROR: FAILED_PRECONDITION"), rejected.err());
        assertTrue(
                rejected.err().contains("error quicidl.showcase.Rejected: {\"reason\":\"there is nothing to shout\"}"),
                rejected.err());

        Run notANumber = showcase("{\"value\": \"lots\"}", "call", "quicidl.showcase.Showcase/countdown");
        assertEquals(10 + 3, notANumber.exitCode(), notANumber.err()); // INVALID_ARGUMENT
        assertTrue(notANumber.err().contains("ERROR: INVALID_ARGUMENT: not a number: lots"), notANumber.err());
    }

    @Test
    void anUnreachableServerExitsWithConnect() throws Exception {
        int port;
        try (DatagramSocket nobody = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = nobody.getLocalPort();
        }
        Run run = run("", "--pin", identity.fingerprint(), "--connect-timeout", "1", "127.0.0.1:" + port, "list");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("cannot connect to 127.0.0.1:" + port + ": "), run.err());
    }

    @Test
    void aWrongPinExitsWithConnect() {
        Run run =
                run("", "--pin", Identity.selfSigned("localhost").fingerprint(), "127.0.0.1:" + server.port(), "list");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("cannot connect to 127.0.0.1:" + server.port() + ": "), run.err());
    }

    @Test
    void mutualTlsWithACaFileAndAClientCertificate(@TempDir Path dir) {
        Identity serverIdentity = Identity.selfSigned("localhost", "127.0.0.1");
        Identity clientIdentity = Identity.selfSigned("cli");
        serverIdentity.writePemFiles(dir.resolve("server.pem"), dir.resolve("server.key"));
        clientIdentity.writePemFiles(dir.resolve("client.pem"), dir.resolve("client.key"));
        try (Server mtls = Server.builder()
                .bind("127.0.0.1", 0)
                .identity(serverIdentity)
                .requireClientCertificates(TrustPolicy.pinned(clientIdentity.fingerprint()))
                .addService(ReflectionService.create(List.of()).definition())
                .start()) {
            String address = "127.0.0.1:" + mtls.port();
            String ca = dir.resolve("server.pem").toString();
            Run withCertificate = run(
                    "",
                    "--ca",
                    ca,
                    "--cert",
                    dir.resolve("client.pem").toString(),
                    "--key",
                    dir.resolve("client.key").toString(),
                    address,
                    "list");
            assertEquals(0, withCertificate.exitCode(), withCertificate.err());
            assertEquals(List.of("quicidl.reflection.v1.Reflection"), withCertificate.lines());

            Run without = run("", "--ca", ca, address, "list");
            assertEquals(3, without.exitCode(), without.err());
            assertTrue(without.err().startsWith("cannot connect to " + address + ": "), without.err());
        }
    }

    @Test
    void badArgumentsExitWithUsage() {
        Run help = run("", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("usage: quicidl-client "), help.out());

        Run notPem = run("", "--ca", "pom.xml", "127.0.0.1:1", "list");
        assertEquals(2, notPem.exitCode());
        assertTrue(notPem.err().contains("error: pom.xml: not a PEM certificate file"), notPem.err());

        Run noKey = run("", "--cert", "pom.xml", "127.0.0.1:1", "list");
        assertEquals(2, noKey.exitCode());
        assertTrue(noKey.err().contains("error: --cert and --key go together"), noKey.err());

        Run missing = run("", "127.0.0.1:1");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("error: needs a server address and a command"), missing.err());

        Run unknown = run("", "127.0.0.1:1", "frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("error: unknown command 'frobnicate'"), unknown.err());
    }
}
