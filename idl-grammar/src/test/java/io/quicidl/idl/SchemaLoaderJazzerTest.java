package io.quicidl.idl;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.source.SourceProvider;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole front end ({@link SchemaLoader}: parse, link,
 * validate). The input is the text of {@code fuzz.quic}, which may import the test schemas
 * ({@code chat.quic}, {@code kitchen_sink.quic}, {@code common/time.quic}) or itself. Whatever the
 * text, the loader returns a schema or throws a {@link SchemaException} whose every error has a
 * 1-based position in a file that exists; any other exception, a stack overflow or a hang (an
 * input over the fuzz timeout) is a finding.
 *
 * <p>Seeds: {@code src/test/resources/io/quicidl/idl/SchemaLoaderJazzerTestInputs/frontEnd/}.
 */
class SchemaLoaderJazzerTest {
    private static final String FILE = "fuzz.quic";
    private static final Map<String, String> IMPORTABLE = TestSchemas.all();

    @FuzzTest
    @DictionaryEntries({
        "package ",
        "import \"",
        "option java_package = ",
        "message ",
        "enum ",
        "error ",
        "service ",
        "rpc ",
        "returns ",
        "stream ",
        "throws ",
        "reserved ",
        " to ",
        "max",
        "optional ",
        "list<",
        "map<",
        "string ",
        "bytes ",
        "bool ",
        "int32 ",
        "int64 ",
        "uint32 ",
        "uint64 ",
        "sint32 ",
        "sint64 ",
        "fixed32 ",
        "fixed64 ",
        "float32 ",
        "float64 ",
        "@unary",
        "@server_streaming",
        "@client_streaming",
        "@duplex",
        "@notifications",
        "@unordered",
        "@realtime",
        "@idempotent",
        "@deadline(",
        "@max_message_bytes(",
        "///",
        "/*",
        "*/",
        "\"chat.quic\"",
        "\"common/time.quic\"",
        "\"fuzz.quic\"",
        "common.time.Instant",
        " = 1;",
        "{",
        "}",
        ";",
        "536870911",
        "19000",
        "-2147483648"
    })
    void frontEnd(byte[] input) {
        Map<String, String> files = new HashMap<>(IMPORTABLE);
        files.put(FILE, new String(input, StandardCharsets.UTF_8));
        try {
            new SchemaLoader(SourceProvider.inMemory(files)).load(List.of(FILE));
        } catch (SchemaException e) {
            if (e.errors().isEmpty()) {
                throw new AssertionError("SchemaException without errors", e);
            }
            for (Diagnostic error : e.errors()) {
                if (error.location().line() < 1
                        || error.location().column() < 1
                        || !files.containsKey(error.location().path())) {
                    throw new AssertionError("unlocated diagnostic " + error.format(), e);
                }
            }
        }
    }
}
