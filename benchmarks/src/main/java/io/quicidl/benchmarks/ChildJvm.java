package io.quicidl.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM with this JVM's class path: for measures that need their own heap
 * limit or a cold start. The child's standard error passes through; its standard output comes back.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** Runs {@code mainClass} with {@code jvmArgs} and {@code args}; fails unless it exits 0 within {@code timeout}. */
    public static List<String> run(List<String> jvmArgs, Class<?> mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        return run(ProcessHandle.current().info().command().orElse("java"), jvmArgs, mainClass, args, timeout);
    }

    /** The same on the JVM of the {@code java} executable given, e.g. another JDK's. */
    public static List<String> run(
            String java, List<String> jvmArgs, Class<?> mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Thread reader = new Thread(
                    () -> out.lines().forEach(line -> {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }),
                    "child-jvm-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(mainClass.getSimpleName() + " " + args + " did not finish within " + timeout);
            }
            reader.join(5_000);
        }
        if (process.exitValue() != 0) {
            throw new IOException(mainClass.getSimpleName() + " " + args + " exited with " + process.exitValue());
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
