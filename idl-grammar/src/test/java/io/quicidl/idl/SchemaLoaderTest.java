package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.model.EnumType;
import io.quicidl.idl.model.ErrorType;
import io.quicidl.idl.model.Field;
import io.quicidl.idl.model.JavaName;
import io.quicidl.idl.model.MessageType;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcPattern;
import io.quicidl.idl.model.ScalarType;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.SchemaFile;
import io.quicidl.idl.model.Service;
import io.quicidl.idl.model.TypeRef;
import io.quicidl.idl.source.SourceProvider;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaLoaderTest {

    private static Schema schema;

    @BeforeAll
    static void load() throws SchemaException {
        schema = SchemaLoader.load(List.of(TestSchemas.root()), List.of("chat.quic", "kitchen_sink.quic"));
    }

    @Test
    void importsComeBeforeTheFilesThatImportThem() {
        assertEquals(
                List.of("common/time.quic", "chat.quic", "kitchen_sink.quic"),
                schema.files().stream().map(SchemaFile::path).toList());
        assertEquals(
                List.of("chat.quic", "kitchen_sink.quic"),
                schema.requestedFiles().stream().map(SchemaFile::path).toList());
        assertTrue(schema.warnings().isEmpty());
    }

    @Test
    void javaPackageComesFromTheOptionOrElseThePackage() {
        SchemaFile chat = schema.file("chat.quic").orElseThrow();
        assertEquals("example.chat", chat.packageName());
        assertEquals("com.acme.chat", chat.javaPackage());
        assertEquals(
                "example.sink", schema.file("kitchen_sink.quic").orElseThrow().javaPackage());
        assertEquals(List.of("common/time.quic"), chat.imports());
    }

    @Test
    void fieldsCarryResolvedTypesNumbersAndJavaNames() {
        MessageType message =
                (MessageType) schema.type("example.chat.ChatMessage").orElseThrow();
        assertEquals(new JavaName("com.acme.chat", List.of("ChatMessage")), message.javaName());
        assertEquals("A message in a room. Doc comments become Javadoc.", message.doc());
        assertEquals(new SourceLocation("chat.quic", 8, 1), message.location());
        List<String> types =
                message.fields().stream().map(f -> f.type().schemaText()).toList();
        assertEquals(
                List.of(
                        "string",
                        "string",
                        "optional bytes",
                        "list<string>",
                        "map<string, int64>",
                        "common.time.Instant"),
                types);
        Field sentAt = message.fields().get(5);
        assertEquals("sent_at", sentAt.name());
        assertEquals("sentAt", sentAt.javaName());
        assertEquals(6, sentAt.number());
        TypeRef.MessageRef instant = assertInstanceOf(TypeRef.MessageRef.class, sentAt.type());
        assertEquals(new JavaName("common.time", List.of("Instant")), instant.javaName());
        assertEquals(7, message.reservedNumbers().get(0).start());
        assertEquals(8, message.reservedNumbers().get(1).end());
    }

    @Test
    void anRpcsDocCommentMayStandAboveOrBetweenItsAnnotations() throws Exception {
        String source = """
                package docs;
                message M {}
                service S {
                  /// Above the annotations.
                  @server_streaming
                  /// Between the annotations.
                  @idempotent
                  /// Right above the rpc.
                  rpc watch(M) returns (stream M);
                }
                """;
        Schema loaded =
                new SchemaLoader(SourceProvider.inMemory(Map.of("docs.quic", source))).load(List.of("docs.quic"));
        Service service = loaded.services().get(0);
        assertEquals(
                "Above the annotations.\nBetween the annotations.\nRight above the rpc.",
                service.rpcs().get(0).doc());
    }

    @Test
    void fieldDocCommentsAttachToTheFieldBelow() {
        MessageType request =
                (MessageType) schema.type("example.chat.HistoryRequest").orElseThrow();
        assertEquals("", request.fields().get(0).doc());
        assertEquals(
                "Only messages sent before this instant.",
                request.fields().get(1).doc());
    }

    @Test
    void keywordFieldNamesAreEscapedInJava() {
        MessageType everything =
                (MessageType) schema.type("example.sink.Everything").orElseThrow();
        Field clazz = everything.fields().stream()
                .filter(f -> f.name().equals("class"))
                .findFirst()
                .orElseThrow();
        assertEquals("class_", clazz.javaName());
        Field message = everything.fields().stream()
                .filter(f -> f.name().equals("message"))
                .findFirst()
                .orElseThrow();
        assertEquals("message", message.javaName());
    }

    @Test
    void nestedTypesAreReferencedByQualifiedNameAndBecomeNestedClasses() {
        MessageType everything =
                (MessageType) schema.type("example.sink.Everything").orElseThrow();
        Field kinds = everything.fields().stream()
                .filter(f -> f.name().equals("kinds"))
                .findFirst()
                .orElseThrow();
        TypeRef.MapRef map = assertInstanceOf(TypeRef.MapRef.class, kinds.type());
        assertEquals(new TypeRef.ScalarRef(ScalarType.UINT64), map.key());
        TypeRef.EnumRef kind = assertInstanceOf(TypeRef.EnumRef.class, map.value());
        assertEquals("example.sink.Everything.Inner.Kind", kind.fullName());
        assertEquals(List.of("Everything", "Inner", "Kind"), kind.javaName().simpleNames());
        EnumType kindType = (EnumType) schema.type(kind.fullName()).orElseThrow();
        assertEquals(
                List.of(0, 1, -1),
                kindType.values().stream().map(v -> v.number()).toList());
        assertEquals(
                "Negative numbers are allowed in enums.",
                kindType.values().get(2).doc());
        MessageType inner = (MessageType) everything.nestedTypes().get(0);
        assertEquals(List.of(kindType), inner.nestedTypes());
    }

    @Test
    void rpcsCarryPatternSignatureModifiersAndWirePath() {
        Service chat = schema.service("example.chat.Chat").orElseThrow();
        assertEquals(new JavaName("com.acme.chat", List.of("Chat")), chat.javaName());
        List<RpcPattern> patterns = chat.rpcs().stream().map(Rpc::pattern).toList();
        assertEquals(List.of(RpcPattern.values()), patterns);

        Rpc history = chat.rpcs().get(0);
        assertEquals("/example.chat.Chat/history", history.path());
        assertTrue(history.modifiers().idempotent());
        assertEquals("example.chat.RoomNotFound", history.errors().get(0).fullName());
        assertEquals("example.chat.History", history.response().orElseThrow().fullName());

        Rpc fetchBlocks = chat.rpcs().get(5);
        assertEquals("fetchBlocks", fetchBlocks.javaName());
        assertEquals("/example.chat.Chat/fetch_blocks", fetchBlocks.path());
        assertFalse(fetchBlocks.clientStreaming());
        assertTrue(fetchBlocks.serverStreaming());

        Rpc frames = chat.rpcs().get(6);
        assertTrue(frames.clientStreaming());
        assertTrue(frames.response().isEmpty());
        assertEquals(OptionalLong.of(200), frames.modifiers().realtimeMaxAgeMs());
        assertEquals(new SourceLocation("chat.quic", 78, 3), frames.location());
    }

    @Test
    void modifiersWithArgumentsAreRead() {
        Rpc get = schema.service("example.sink.Sink").orElseThrow().rpcs().get(0);
        assertEquals(OptionalLong.of(1500), get.modifiers().deadlineMs());
        assertEquals(OptionalLong.of(1048576), get.modifiers().maxMessageBytes());
        assertEquals(OptionalLong.empty(), get.modifiers().realtimeMaxAgeMs());
        assertEquals("Every modifier.", get.doc());
        assertEquals(
                List.of("example.sink.Throttled", "example.sink.Forbidden"),
                get.errors().stream().map(e -> e.fullName()).toList());
        ErrorType throttled = (ErrorType) schema.type("example.sink.Throttled").orElseThrow();
        assertEquals("retryAfterMs", throttled.fields().get(0).javaName());
    }

    @Test
    void snakeCaseTypeNamesBecomePascalCaseClasses() throws SchemaException {
        Schema s = new SchemaLoader(
                        SourceProvider.inMemory(Map.of("a.quic", "package t;\nmessage room_state { int32 x = 1; }\n")))
                .load(List.of("a.quic"));
        assertEquals(
                "RoomState", s.type("t.room_state").orElseThrow().javaName().simpleName());
    }

    @Test
    void memberNamesOfObjectMethodsAreEscaped() throws SchemaException {
        Schema s = new SchemaLoader(SourceProvider.inMemory(Map.of(
                        "a.quic",
                        "package t;\nmessage A { int32 hash_code = 1; string to_string = 2; bool wait = 3; }\n")))
                .load(List.of("a.quic"));
        MessageType a = (MessageType) s.type("t.A").orElseThrow();
        assertEquals(
                List.of("hashCode_", "toString_", "wait_"),
                a.fields().stream().map(Field::javaName).toList());
    }

    @Test
    void byteOrderMarkAtTheStartIsIgnored() throws SchemaException {
        Schema s = new SchemaLoader(SourceProvider.inMemory(Map.of("a.quic", "\uFEFFpackage t;\nmessage A {}\n")))
                .load(List.of("a.quic"));
        assertEquals(
                new SourceLocation("a.quic", 2, 1), s.type("t.A").orElseThrow().location());
    }
}
