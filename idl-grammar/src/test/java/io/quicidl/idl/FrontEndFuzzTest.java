package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.source.SourceProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Feeds seeded random mutations of valid schemas to the whole front end. Whatever the
 * input, the loader either returns a schema or throws a SchemaException whose errors all
 * have a position in a real file; it never throws anything else and never hangs. Inputs
 * that are certainly invalid must be reported as such.
 */
class FrontEndFuzzTest {

    private static final long SEED = 0x5eed_0f_9_1d1L;
    private static final int BATCHES = 10;
    private static final int INPUTS_PER_BATCH = 1_000;

    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|///?[^\\n]*|/\\*.*?\\*/|\"[^\"\\n]*\"|[A-Za-z][A-Za-z0-9_]*|[0-9]+|.", Pattern.DOTALL);

    private static final List<String> VOCABULARY = List.of(
            "package",
            "option",
            "import",
            "message",
            "enum",
            "error",
            "service",
            "rpc",
            "returns",
            "stream",
            "throws",
            "reserved",
            "to",
            "max",
            "optional",
            "list",
            "map",
            "string",
            "int32",
            "bytes",
            "Room",
            "ChatMessage",
            "common.time.Instant",
            "class",
            "x",
            ";",
            ".",
            ",",
            "=",
            "{",
            "}",
            "(",
            ")",
            "<",
            ">",
            "@",
            "@unary",
            "@duplex",
            "@realtime",
            "-",
            "0",
            "1",
            "19000",
            "536870912",
            "99999999999999999999",
            "\"common/time.quic\"",
            "\"chat.quic\"",
            "\"",
            "/*",
            "*/",
            "/// doc\n",
            "// c\n",
            "\n",
            "#",
            "\u00e9",
            "\u0000");

    private static final Map<String, String> SEEDS = TestSchemas.all();

    @Test
    void mutatedSchemasYieldASchemaOrLocatedDiagnosticsOnly() {
        int invalid = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            long batchSeed = SEED + batch;
            invalid += assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> runBatch(batchSeed),
                    () -> "batch with seed " + batchSeed + " took too long");
        }
        // Most mutations break a schema; if they did not, the fuzzer would test little.
        assertTrue(invalid > BATCHES * INPUTS_PER_BATCH / 2, "only " + invalid + " invalid inputs");
    }

    private static int runBatch(long seed) {
        Random random = new Random(seed);
        List<String> paths = new ArrayList<>(SEEDS.keySet());
        int invalid = 0;
        for (int i = 0; i < INPUTS_PER_BATCH; i++) {
            String target = paths.get(random.nextInt(paths.size()));
            String mutated = mutate(SEEDS.get(target), random);
            Map<String, String> files = new HashMap<>(SEEDS);
            files.put(target, mutated);
            if (!compiles(files, paths, target, seed, i)) {
                invalid++;
            }
        }
        return invalid;
    }

    /** Loads every file, so that a broken imported file also reaches its importers. */
    private static boolean compiles(
            Map<String, String> files, List<String> paths, String target, long seed, int index) {
        try {
            new SchemaLoader(SourceProvider.inMemory(files)).load(paths);
            return true;
        } catch (SchemaException e) {
            assertFalse(e.errors().isEmpty(), "SchemaException without errors");
            for (Diagnostic d : e.errors()) {
                if (d.location().line() < 1
                        || d.location().column() < 1
                        || !files.containsKey(d.location().path())) {
                    fail("unlocated diagnostic " + d.format() + " (seed " + seed + ", input " + index + ")");
                }
            }
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(
                    "seed " + seed + ", input " + index + ", file " + target + ":\n" + files.get(target), e);
        }
    }

    @Test
    void deletingAnySemicolonOrBraceIsAlwaysALocatedSyntaxError() {
        int checked = 0;
        for (Map.Entry<String, String> seed : SEEDS.entrySet()) {
            List<String> tokens = tokenize(seed.getValue());
            for (int i = 0; i < tokens.size(); i++) {
                if (List.of(";", "{", "}").contains(tokens.get(i))) {
                    List<String> mutated = new ArrayList<>(tokens);
                    mutated.remove(i);
                    String text = String.join("", mutated);
                    SchemaException e = assertThrows(
                            SchemaException.class,
                            () -> new SchemaLoader(SourceProvider.inMemory(Map.of(seed.getKey(), text)))
                                    .load(List.of(seed.getKey())),
                            text);
                    Diagnostic error = e.errors().get(0);
                    assertEquals(DiagnosticCode.SYNTAX_ERROR, error.code(), error.format());
                    assertTrue(error.location().line() >= 1 && error.location().column() >= 1, error.format());
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "only " + checked + " deletions checked");
    }

    static String mutate(String text, Random random) {
        List<String> tokens = tokenize(text);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && !tokens.isEmpty(); m++) {
            int at = random.nextInt(tokens.size());
            switch (random.nextInt(7)) {
                case 0 -> tokens.remove(at);
                case 1 -> tokens.add(at, " " + pick(random) + " ");
                case 2 -> tokens.add(at, tokens.get(at));
                case 3 -> tokens.set(at, pick(random));
                case 4 -> {
                    if (at + 1 < tokens.size()) {
                        tokens.set(at, tokens.set(at + 1, tokens.get(at)));
                    }
                }
                case 5 -> {
                    String joined = String.join("", tokens);
                    return joined.substring(0, random.nextInt(joined.length() + 1));
                }
                default -> {
                    String joined = String.join("", tokens);
                    int offset = random.nextInt(joined.length() + 1);
                    char garbage = (char) random.nextInt(256);
                    return joined.substring(0, offset)
                            + garbage
                            + joined.substring(Math.min(joined.length(), offset + 1));
                }
            }
        }
        return String.join("", tokens);
    }

    private static String pick(Random random) {
        return VOCABULARY.get(random.nextInt(VOCABULARY.size()));
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
