package io.quicidl.idl;

import static io.quicidl.idl.PrinterRoundTripTest.withoutLocations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.parser.SchemaFormatter;
import io.quicidl.idl.parser.SchemaParser;
import io.quicidl.idl.source.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code quicidl fmt}: the layout, and that formatting loses nothing. */
class SchemaFormatterTest {

    /** The examples' schemas, the test schemas and every diagnostics-table input that parses. */
    static Stream<Arguments> schemas() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (Path file : examples()) {
            all.add(Arguments.of(file.toString(), file.getFileName().toString(), read(file)));
        }
        PrinterRoundTripTest.schemas().forEach(all::add);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void formattingKeepsEveryElementAndCommentAndIsStable(String name, String path, String text)
            throws SchemaException {
        Source source = new Source(path, "test", text);
        String formatted = SchemaFormatter.format(source);
        Source reformatted = new Source(path, "test", formatted);
        assertEquals(withoutLocations(SchemaParser.parse(source)), withoutLocations(SchemaParser.parse(reformatted)));
        assertEquals(commentTexts(source), commentTexts(reformatted), formatted);
        assertEquals(formatted, SchemaFormatter.format(reformatted));
    }

    /** Fuzzed schemas (those that still parse): formatting keeps elements and comments, and is stable. */
    @Test
    void formattingFuzzedSchemasLosesNothing() throws SchemaException {
        Random random = new Random(0x5eed_f0_a7L);
        Map<String, String> seeds = TestSchemas.all();
        List<String> paths = new ArrayList<>(seeds.keySet());
        int parsed = 0;
        for (int i = 0; i < 1_000; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            String text = FrontEndFuzzTest.mutate(seeds.get(path), random);
            try {
                SchemaParser.parse(new Source(path, "test", text));
            } catch (SchemaException e) {
                continue;
            }
            parsed++;
            formattingKeepsEveryElementAndCommentAndIsStable("fuzz " + i, path, text);
        }
        assertTrue(parsed > 30, "only " + parsed + " fuzzed inputs parsed");
    }

    @Test
    void theExamplesAreFormatted() throws IOException, SchemaException {
        for (Path file : examples()) {
            String text = read(file);
            assertEquals(text, SchemaFormatter.format(new Source(file.toString(), "test", text)), file.toString());
        }
    }

    @Test
    void layoutPutsOneDeclarationPerLineAndKeepsComments() throws SchemaException {
        String text = """
                // header comment


                package t;   // the package
                /// Doc of A.
                message A { optional list<string> x=1 ; /* inline */ map < string , int64 > y = 2;
                  reserved 3 to max, "z";
                    // before the end
                }
                message Empty {   }
                /* block
                   comment */
                service S { @realtime( max_age_ms = 5 ) rpc m( stream A );
                  @unary @deadline(ms = -1) rpc n(A) returns(Empty) throws E, F; }
                """;
        String expected = """
                // header comment

                package t; // the package
                /// Doc of A.
                message A {
                  optional list<string> x = 1; /* inline */
                  map<string, int64> y = 2;
                  reserved 3 to max, "z";
                  // before the end
                }
                message Empty {}
                /* block
                   comment */
                service S {
                  @realtime(max_age_ms = 5)
                  rpc m(stream A);
                  @unary @deadline(ms = -1)
                  rpc n(A) returns (Empty) throws E, F;
                }
                """;
        assertEquals(expected, SchemaFormatter.format(new Source("a.quic", "test", text)));
    }

    private static List<String> commentTexts(Source source) throws SchemaException {
        return SchemaParser.comments(source).stream()
                .map(c -> c.text().stripTrailing())
                .toList();
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("..", "examples"))) {
            return walk.filter(
                            p -> p.toString().endsWith(".quic") && p.toString().contains("src"))
                    .sorted()
                    .toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
