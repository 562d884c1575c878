package io.quicidl.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.Client;
import io.quicidl.runtime.ResponseStream;
import io.quicidl.runtime.Server;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.services.health.HealthService;
import io.quicidl.services.health.v1.HealthCheckRequest;
import io.quicidl.services.health.v1.HealthClient;
import io.quicidl.services.health.v1.HealthMethods;
import io.quicidl.services.health.v1.ServingStatus;
import io.quicidl.services.reflection.ReflectionService;
import io.quicidl.services.reflection.SchemaCatalog;
import io.quicidl.services.reflection.v1.ListServicesRequest;
import io.quicidl.services.reflection.v1.MethodInfo;
import io.quicidl.services.reflection.v1.MethodPattern;
import io.quicidl.services.reflection.v1.ReflectionClient;
import io.quicidl.services.reflection.v1.SchemaFiles;
import io.quicidl.services.reflection.v1.SchemaRequest;
import io.quicidl.services.reflection.v1.SchemaSource;
import io.quicidl.services.reflection.v1.ServiceInfo;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health and reflection over real loopback QUIC, with the schemas this module's jar carries. */
class HealthAndReflectionTest {
    private static final String CHAT = "example.chat.Chat";

    private static HealthService health;
    private static Server server;
    private static Client client;

    @BeforeAll
    static void start() {
        health = new HealthService();
        List<ServiceDefinition> services = List.of(health.definition());
        Identity identity = Identity.selfSigned("localhost");
        Server.Builder builder = Server.builder().bind("127.0.0.1", 0).identity(identity);
        services.forEach(builder::addService);
        server = builder.addService(ReflectionService.create(services).definition())
                .start();
        client = Client.builder()
                .address("127.0.0.1", server.port())
                .trust(TrustPolicy.pinned(identity.fingerprint()))
                .connect();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void checkAnswersTheStatusSetAndNotFoundForAnUnknownService() {
        HealthClient stub = new HealthClient(client);
        assertEquals(
                ServingStatus.SERVING, stub.check(request(HealthService.SERVER)).status());

        StatusException unknown = assertThrows(StatusException.class, () -> stub.check(request("no.such.Service")));
        assertEquals(StatusCode.NOT_FOUND, unknown.code());
        assertTrue(unknown.description().contains("no.such.Service"), unknown.description());

        health.setStatus("example.kv.KeyValue", ServingStatus.NOT_SERVING);
        assertEquals(
                ServingStatus.NOT_SERVING,
                stub.check(request("example.kv.KeyValue")).status());
    }

    @Test
    void watchSendsTheCurrentStatusThenEachChange() {
        HealthClient stub = new HealthClient(client);
        try (ResponseStream<io.quicidl.services.health.v1.HealthCheckResponse> watch = stub.watch(request(CHAT))) {
            Iterator<io.quicidl.services.health.v1.HealthCheckResponse> responses = watch.iterator();
            assertEquals(ServingStatus.SERVICE_UNKNOWN, responses.next().status());

            health.setStatus(CHAT, ServingStatus.SERVING);
            assertEquals(ServingStatus.SERVING, responses.next().status());
            health.setStatus(CHAT, ServingStatus.NOT_SERVING);
            assertEquals(ServingStatus.NOT_SERVING, responses.next().status());
        }
    }

    @Test
    void shutdownMarksEverythingNotServingForGood() {
        HealthService local = new HealthService();
        local.setStatus(CHAT, ServingStatus.SERVING);
        local.enterShutdown();
        local.setStatus(CHAT, ServingStatus.SERVING);
        assertEquals(ServingStatus.NOT_SERVING, local.check(request(CHAT), null).status());
        assertEquals(
                ServingStatus.NOT_SERVING,
                local.check(request(HealthService.SERVER), null).status());
    }

    @Test
    void aClearedServiceIsUnknownAgain() {
        HealthService local = new HealthService();
        local.setStatus(CHAT, ServingStatus.SERVING);
        local.clearStatus(CHAT);
        StatusException unknown = assertThrows(StatusException.class, () -> local.check(request(CHAT), null));
        assertEquals(StatusCode.NOT_FOUND, unknown.code());
    }

    @Test
    void aStatusThatNoServiceHasIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> health.setStatus(CHAT, ServingStatus.SERVICE_UNKNOWN));
        assertTrue(e.getMessage().contains(CHAT), e.getMessage());
    }

    @Test
    void reflectionListsTheServicesWithPatternsAndTypes() {
        List<ServiceInfo> services = new ReflectionClient(client)
                .listServices(ListServicesRequest.defaultInstance())
                .services();
        assertEquals(
                List.of("quicidl.health.v1.Health", "quicidl.reflection.v1.Reflection"),
                services.stream().map(ServiceInfo::name).toList());

        ServiceInfo healthInfo = services.get(0);
        assertEquals("quicidl/health/v1/health.quic", healthInfo.schemaFile());
        MethodInfo check = healthInfo.methods().get(0);
        assertEquals("check", check.name());
        assertEquals(MethodPattern.UNARY, check.pattern());
        assertTrue(check.idempotent());
        assertEquals("quicidl.health.v1.HealthCheckRequest", check.requestType());
        assertEquals("quicidl.health.v1.HealthCheckResponse", check.responseType());
        MethodInfo watch = healthInfo.methods().get(1);
        assertEquals(MethodPattern.SERVER_STREAMING, watch.pattern());
        assertFalse(watch.idempotent());
    }

    @Test
    void reflectionReturnsTheSchemaSource() {
        ReflectionClient stub = new ReflectionClient(client);
        SchemaFiles files = stub.schema(
                SchemaRequest.newBuilder().service(HealthMethods.SERVICE_NAME).build());
        SchemaSource file = files.files().get(0);
        assertEquals("quicidl/health/v1/health.quic", file.path());
        assertTrue(file.text().contains("service Health {"), file.text());

        StatusException unknown = assertThrows(
                StatusException.class,
                () -> stub.schema(
                        SchemaRequest.newBuilder().service("no.such.Service").build()));
        assertEquals(StatusCode.NOT_FOUND, unknown.code());
    }

    @Test
    void theSchemaOfAServiceComesWithItsImports() {
        SchemaCatalog catalog = SchemaCatalog.of(Map.of(
                "chat.quic",
                "package example.chat;\nimport \"common/time.quic\";\n"
                        + "message Room { common.time.Instant at = 1; }\n"
                        + "service Chat {\n  @unary\n  rpc join(Room) returns (Room);\n}\n",
                "common/time.quic",
                "package common.time;\nmessage Instant { int64 seconds = 1; }\n",
                "broken.quic",
                "package broken;\nmessage {\n"));
        SchemaCatalog.ServiceSchema chat = catalog.service(CHAT).orElseThrow();
        assertEquals(List.of("chat.quic", "common/time.quic"), chat.files());
        assertEquals("join", chat.service().rpcs().get(0).name());
    }

    @Test
    void theCatalogReadsSchemasFromJarsAndDirectories(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("chat.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("quic/", "quic/chat/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("quic/chat/chat.quic"));
            out.write(("package example.chat;\nimport \"common/time.quic\";\n"
                            + "message Room { common.time.Instant at = 1; }\n"
                            + "service Chat {\n  @unary\n  rpc join(Room) returns (Room);\n}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("quic/common"));
        Files.writeString(
                classes.resolve("quic/common/time.quic"),
                "package common.time;\nmessage Instant { int64 seconds = 1; }\n");
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {jar.toUri().toURL(), classes.toUri().toURL()}, null)) {
            SchemaCatalog catalog = SchemaCatalog.fromClassPath(loader);
            assertEquals(
                    List.of("chat/chat.quic", "common/time.quic"),
                    catalog.service(CHAT).orElseThrow().files());
            assertTrue(catalog.source("common/time.quic").orElseThrow().contains("message Instant"));
        }
    }

    private static HealthCheckRequest request(String service) {
        return HealthCheckRequest.newBuilder().service(service).build();
    }
}
