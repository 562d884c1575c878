package io.quicidl.examples.showcase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tshark} with the repository's Wireshark dissector ({@code tools/wireshark/quicidl.lua})
 * and returns, per packet that has quicidl frames, the values of the fields asked for.
 */
final class Tshark {
    private static final String SCRIPT = "tools/wireshark/quicidl.lua";
    private static final String AGGREGATOR = "|";
    /** Expert messages of every dissector in the packet, the dissector's own failures among them. */
    static final String EXPERT = "_ws.expert.message";

    private final Path executable;
    private final Path workDirectory;

    private Tshark(Path executable, Path workDirectory) {
        this.executable = executable;
        this.workDirectory = workDirectory;
    }

    /** The tshark on {@code PATH}, writing its error output to {@code workDirectory}; empty when not installed. */
    static Optional<Tshark> find(Path workDirectory) {
        return onPath("tshark").map(path -> new Tshark(path, workDirectory));
    }

    /** An executable named {@code name} in a directory of {@code PATH}. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** A file of the repository, such as the dissector script, found from the module directory up. */
    static Path repositoryFile(String path) {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path file = directory.resolve(path);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new AssertionError(path + " not found in " + Path.of("").toAbsolutePath() + " or above");
    }

    /**
     * One map per packet with quicidl in it, in capture order: field name to its values in that
     * packet (every occurrence, in order; absent fields have no entry), plus {@link #EXPERT}.
     * Fails when tshark does, or when the dissector raised a Lua error.
     *
     * @param options extra tshark options, such as a key log preference
     */
    List<Map<String, List<String>>> packets(Path capture, List<String> options, List<String> fields)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                executable.toString(), "-n", "-r", capture.toString(), "-X", "lua_script:" + repositoryFile(SCRIPT)));
        command.addAll(options);
        command.addAll(
                List.of("-Y", "quicidl", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=" + AGGREGATOR));
        List<String> columns = new ArrayList<>(fields);
        columns.add(EXPERT);
        for (String field : columns) {
            command.addAll(List.of("-e", field));
        }
        Path errors = workDirectory.resolve("tshark.err");
        Process tshark = new ProcessBuilder(command)
                .redirectError(errors.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String output = new String(tshark.getInputStream().readAllBytes(), UTF_8);
        assertTrue(tshark.waitFor(60, TimeUnit.SECONDS), "tshark did not finish: " + command);
        String errorText = Files.readString(errors, UTF_8);
        assertEquals(0, tshark.exitValue(), "tshark failed: " + command + "\n" + errorText);
        List<Map<String, List<String>>> packets = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] values = line.split("\t", -1);
            Map<String, List<String>> packet = new LinkedHashMap<>();
            for (int i = 0; i < columns.size() && i < values.length; i++) {
                if (!values[i].isEmpty()) {
                    packet.put(columns.get(i), List.of(values[i].split("\\" + AGGREGATOR, -1)));
                }
            }
            for (String expert : packet.getOrDefault(EXPERT, List.of())) {
                assertFalse(expert.startsWith("Lua Error"), "the dissector failed in tshark: " + expert);
            }
            packets.add(packet);
        }
        return packets;
    }
}
