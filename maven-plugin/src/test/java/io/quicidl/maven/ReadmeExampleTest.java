package io.quicidl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The root README's example project (pom, schema, code) is the {@code readme-example} invoker
 * scenario, which builds it and runs it: this test keeps the two word for word equal, so the
 * README always shows code that works.
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path PROJECT = Path.of("src", "it", "readme-example");
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void readmePomIsTheScenarioPom() throws IOException {
        String scenarioPom = read(PROJECT.resolve("pom.xml"))
                .replace(
                        "<quicidl.version>@project.version@</quicidl.version>",
                        "<quicidl.version>0.1.0-SNAPSHOT</quicidl.version>");
        assertEquals(block("xml"), scenarioPom);
    }

    @Test
    void readmeSchemaIsTheScenarioSchema() throws IOException {
        assertEquals(block("quic"), read(PROJECT.resolve("src/main/quic/greet.quic")));
    }

    @Test
    void readmeCodeIsTheScenarioCode() throws IOException {
        String code = read(PROJECT.resolve("src/main/java/com/example/greet/Main.java"));
        String readmeCode = withoutImports(block("java"));
        int split = readmeCode.indexOf("\nIdentity identity");
        assertEquals(
                readmeCode.substring(0, split).strip(), region(code, "class").replaceFirst("^static ", ""));
        assertEquals(readmeCode.substring(split).strip(), region(code, "main"));
    }

    @Test
    void readmeInProcessCodeIsTheScenarioCode() throws IOException {
        String code = read(PROJECT.resolve("src/main/java/com/example/greet/Main.java"));
        assertEquals(withoutImports(block("java", 1)).strip(), region(code, "inprocess"));
    }

    /** The README's snippets compile as shown: together they import what the scenario imports. */
    @Test
    void readmeImportsAreTheScenarioImports() throws IOException {
        String code = read(PROJECT.resolve("src/main/java/com/example/greet/Main.java"));
        List<String> readmeImports = new ArrayList<>(imports(block("java")));
        readmeImports.addAll(imports(block("java", 1)));
        assertEquals(
                imports(code).stream().sorted().toList(),
                readmeImports.stream().sorted().toList());
    }

    private static List<String> imports(String code) {
        return code.lines().filter(line -> line.startsWith("import ")).toList();
    }

    private static String withoutImports(String code) {
        return code.lines().filter(line -> !line.startsWith("import ")).collect(Collectors.joining("\n"));
    }

    private static String block(String language) throws IOException {
        return block(language, 0);
    }

    private static String block(String language, int index) throws IOException {
        Matcher matcher = BLOCK.matcher(read(README));
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.group(1).equals(language)) {
                found.add(matcher.group(2));
            }
        }
        return found.get(index);
    }

    /** The lines between {@code // README <name> begin} and {@code end}, without their indentation. */
    private static String region(String code, String name) {
        String begin = "// README " + name + " begin\n";
        String body = code.substring(code.indexOf(begin) + begin.length(), code.indexOf("// README " + name + " end"));
        int indent = body.length() - body.stripLeading().length();
        return body.lines()
                .map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
                .collect(Collectors.joining("\n"))
                .strip();
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
