package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.lint.Lint;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.source.SourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code quicidl lint}: each row is a schema {@code a.quic} and every finding it must give. */
class LintTest {

    record Case(String behaviour, String schema, String expected) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    private static final String CLEAN = """
            package t;
            message Request { int32 page_size = 1; }
            enum State {
              STATE_UNSPECIFIED = 0;
              OPEN = 1;
            }
            /// The service.
            service Pages {
              /// Lists.
              @unary @idempotent
              rpc list_pages(Request) returns (Request);
            }
            """;

    static List<Case> cases() {
        return List.of(
                new Case("conventionalSchemaIsClean", CLEAN, ""),
                new Case(
                        "typeNameNotUpperCamel",
                        CLEAN.replace("message Request", "message request_v2").replace("(Request)", "(request_v2)"),
                        "a.quic:2:1: warning[QIDL501]: message name 'request_v2' is not UpperCamelCase"),
                new Case(
                        "serviceNameNotUpperCamel",
                        CLEAN.replace("service Pages", "service pages"),
                        "a.quic:8:1: warning[QIDL501]: service name 'pages' is not UpperCamelCase"),
                new Case(
                        "fieldNameNotLowerSnake",
                        CLEAN.replace("page_size", "pageSize"),
                        "a.quic:2:19: warning[QIDL502]: field name 'pageSize' is not lower_snake_case"),
                new Case(
                        "enumValueNotUpperSnake",
                        CLEAN.replace("OPEN", "Open"),
                        "a.quic:5:3: warning[QIDL503]: enum value 'Open' is not UPPER_SNAKE_CASE"),
                new Case(
                        "rpcNameNotLowerSnake",
                        CLEAN.replace("list_pages", "listPages"),
                        "a.quic:11:3: warning[QIDL504]: rpc name 'listPages' is not lower_snake_case"),
                new Case(
                        "serviceWithoutDoc",
                        CLEAN.replace("/// The service.\n", ""),
                        "a.quic:7:1: warning[QIDL505]: service 'Pages' has no doc comment\n"
                                + "  hint: add a /// line above it; it becomes the Javadoc of the generated client"
                                + " and server"),
                new Case(
                        "rpcWithoutDoc",
                        CLEAN.replace("  /// Lists.\n", ""),
                        "a.quic:10:3: warning[QIDL506]: rpc 'list_pages' has no doc comment\n"
                                + "  hint: add a /// line above its annotations; it becomes the Javadoc of the stub"
                                + " methods"),
                new Case(
                        "enumZeroValueNamesARealState",
                        CLEAN.replace("STATE_UNSPECIFIED", "CLOSED"),
                        "a.quic:4:3: warning[QIDL507]: zero value 'CLOSED' of enum 'State' names a real state, but"
                                + " it is also what an unset field reads as\n"
                                + "  hint: name it UNKNOWN, UNSPECIFIED, or with one of those as its last word"),
                new Case("enumZeroValueUnknownIsClean", CLEAN.replace("STATE_UNSPECIFIED", "UNKNOWN"), ""),
                new Case(
                        "idempotentOnAStreamingRequest",
                        CLEAN.replace("@unary @idempotent", "@client_streaming @idempotent")
                                .replace("(Request) returns", "(stream Request) returns"),
                        "a.quic:11:3: warning[QIDL508]: @idempotent has no effect on @client_streaming rpc"
                                + " 'list_pages': only a call with a single request may be sent as 0-RTT early"
                                + " data\n  hint: remove @idempotent"),
                new Case(
                        "unusedImportIsACompilerWarningLintReports",
                        CLEAN.replace("package t;", "package t;\nimport \"b.quic\";"),
                        "a.quic:2:1: warning[QIDL301]: import 'b.quic' is not used\n  hint: remove it"),
                new Case(
                        "ignoreCommentAboveTheAnnotationsSilencesItsCode",
                        CLEAN.replace("  @unary", "  // quicidl:lint-ignore QIDL504\n  @unary")
                                .replace("list_pages", "listPages")
                                .replace("/// Lists.\n", ""),
                        "a.quic:11:3: warning[QIDL506]: rpc 'listPages' has no doc comment\n"
                                + "  hint: add a /// line above its annotations; it becomes the Javadoc of the stub"
                                + " methods"),
                new Case(
                        "ignoreCommentOnTheSameLineTakesSeveralCodes",
                        CLEAN.replace(
                                        "@unary @idempotent",
                                        "@unary @idempotent // quicidl:lint-ignore QIDL504, QIDL506")
                                .replace("list_pages", "listPages")
                                .replace("/// Lists.\n", ""),
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedFindings(Case c) throws Exception {
        assertEquals(c.expected(), lint(c.schema(), Set.of()));
    }

    @Test
    void disabledCodesAreNotReported() throws Exception {
        String schema = CLEAN.replace("/// The service.\n", "").replace("page_size", "pageSize");
        assertEquals(
                "a.quic:7:1: warning[QIDL505]: service 'Pages' has no doc comment\n"
                        + "  hint: add a /// line above it; it becomes the Javadoc of the generated client and server",
                lint(schema, Set.of(DiagnosticCode.FIELD_NAME_CASE)));
    }

    @Test
    void theExamplesSchemasAreClean() throws Exception {
        Path examples = Path.of("..", "examples");
        List<Path> roots;
        try (Stream<Path> walk = Files.walk(examples)) {
            roots = walk.filter(p -> p.endsWith(Path.of("src", "main", "quic")))
                    .sorted()
                    .toList();
        }
        for (Path root : roots) {
            List<String> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".quic"))
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .toList();
            }
            SourceProvider sources = SourceProvider.directories(List.of(root));
            Schema schema = new SchemaLoader(sources).load(files);
            assertEquals(List.of(), Lint.check(schema, sources, Set.of()), root.toString());
        }
    }

    private static String lint(String schema, Set<DiagnosticCode> disabled) throws Exception {
        SourceProvider sources = SourceProvider.inMemory(Map.of("a.quic", schema, "b.quic", "package b;"));
        Schema loaded = new SchemaLoader(sources).load(List.of("a.quic"));
        return Lint.check(loaded, sources, disabled).stream()
                .map(Diagnostic::format)
                .collect(Collectors.joining("\n"));
    }
}
