package io.quicidl.runtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.runtime.StatusCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The code tables of SPEC.md (§2 frame types, §4.1 error codes, §4.2 status codes) equal the enums. */
class SpecTablesTest {
    private static String spec;

    @BeforeAll
    static void readSpec() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("SPEC.md"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "SPEC.md not found");
        spec = Files.readString(dir.resolve("SPEC.md"), StandardCharsets.UTF_8);
    }

    @Test
    void frameTypeTableMatchesFrameType() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (FrameType type : FrameType.values()) {
            expected.put(type.name(), type.value());
        }
        assertEquals(expected, rows(section("## 2. Frames", "## 3."), "\\| 0x([0-9a-f]{2}) \\| ([A-Z_]+) \\|"));
    }

    @Test
    void errorCodeTableMatchesErrorCode() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            expected.put(code.name(), code.value());
        }
        assertEquals(expected, rows(section("### 4.1", "### 4.2"), "\\| 0x([0-9a-f]{2}) \\| ([A-Z_]+) \\|"));
    }

    @Test
    void statusCodeTableMatchesStatusCode() {
        Map<String, Integer> found = new LinkedHashMap<>();
        Matcher matcher = java.util.regex.Pattern.compile("\\| (\\d+) \\| ([A-Z_]+) ")
                .matcher(section("### 4.2", "Status codes that a peer produces locally"));
        while (matcher.find()) {
            found.put(matcher.group(2), Integer.parseInt(matcher.group(1)));
        }
        assertEquals(StatusCode.values().length, found.size());
        for (StatusCode code : StatusCode.values()) {
            assertEquals(code.value(), found.get(code.name()), code.name());
        }
    }

    private static String section(String from, String to) {
        int start = spec.indexOf(from);
        int end = spec.indexOf(to, start + from.length());
        assertTrue(start >= 0 && end > start, "section " + from);
        return spec.substring(start, end);
    }

    private static Map<String, Integer> rows(String text, String regex) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            rows.put(matcher.group(2), Integer.parseInt(matcher.group(1), 16));
        }
        return rows;
    }
}
