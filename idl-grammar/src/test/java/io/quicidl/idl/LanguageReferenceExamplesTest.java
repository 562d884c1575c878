package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.parser.SchemaParser;
import io.quicidl.idl.source.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code ```quic} example in docs/LANGUAGE.md is valid syntax. */
class LanguageReferenceExamplesTest {

    static List<String> examples() throws IOException {
        List<String> examples = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(Path.of("..", "docs", "LANGUAGE.md"), StandardCharsets.UTF_8)) {
            if (current == null && line.equals("```quic")) {
                current = new StringBuilder();
            } else if (current != null && line.equals("```")) {
                examples.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        assertTrue(examples.size() >= 10, "found only " + examples.size() + " examples");
        return examples;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleParses(String example) throws SchemaException {
        SchemaParser.parse(new Source("LANGUAGE.md", "docs", example));
    }
}
