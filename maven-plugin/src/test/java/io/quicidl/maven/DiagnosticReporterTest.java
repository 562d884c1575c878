package io.quicidl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quicidl.idl.diagnostic.Diagnostic;
import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.SourceLocation;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

class DiagnosticReporterTest {

    private static final Diagnostic UNKNOWN_TYPE = new Diagnostic(
            DiagnosticCode.UNKNOWN_TYPE,
            new SourceLocation("shop/order.quic", 5, 3),
            "unknown type 'Custmer'",
            Optional.of("did you mean 'Customer'?"));
    private static final Diagnostic UNUSED_IMPORT = new Diagnostic(
            DiagnosticCode.UNUSED_IMPORT,
            new SourceLocation("shop/order.quic", 3, 1),
            "import 'units.quic' is not used",
            Optional.empty());

    @TempDir
    Path project;

    private Path source;
    private Path dependency;
    private final List<String> logged = new ArrayList<>();
    private final List<String> marked = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        source = project.resolve("src/main/quic");
        dependency = project.resolve("target/quicidl/generate-default/dependencies/0-common");
        Files.createDirectories(source.resolve("shop"));
        Files.createDirectories(dependency.resolve("shop"));
        Files.writeString(source.resolve("shop/order.quic"), "package shop;");
        Files.writeString(dependency.resolve("shop/order.quic"), "package shop;");
    }

    @Test
    void logsEachDiagnosticFromTheProjectDirectoryAtItsSeverity() {
        reporter(ide()).report(List.of(UNKNOWN_TYPE, UNUSED_IMPORT), false);

        String error = "src/main/quic/shop/order.quic:5:3: error[QIDL111]: unknown type 'Custmer'\n"
                + "  hint: did you mean 'Customer'?";
        String warning = "src/main/quic/shop/order.quic:3:1: warning[QIDL301]: import 'units.quic' is not used";
        assertEquals(List.of("error " + error, "warn " + warning), logged);
    }

    @Test
    void warningsThatFailTheBuildAreLoggedAsErrorsSoThatQuietBuildsShowThem() {
        reporter(new DefaultBuildContext()).report(List.of(UNUSED_IMPORT), true);
        assertEquals(
                List.of("error src/main/quic/shop/order.quic:3:1: warning[QIDL301]: import 'units.quic' is not used"),
                logged);
    }

    @Test
    void marksTheFileTheCompilerFoundInAnIde() {
        reporter(ide()).report(List.of(UNKNOWN_TYPE, UNUSED_IMPORT), false);

        Path file = source.resolve("shop/order.quic");
        assertEquals(
                List.of(
                        "addMessage " + file + " 5:3 [QIDL111] unknown type 'Custmer' (hint: did you mean 'Customer'?) "
                                + BuildContext.SEVERITY_ERROR,
                        "addMessage " + file + " 3:1 [QIDL301] import 'units.quic' is not used "
                                + BuildContext.SEVERITY_WARNING),
                marked);
    }

    @Test
    void clearsOldMarkersInAnIde() {
        Path file = source.resolve("shop/order.quic");
        reporter(ide()).clear(List.of(file));
        assertEquals(List.of("removeMessages " + file), marked);
    }

    @Test
    void commandLineGetsNoMarkersSinceTheyWouldOnlyBeLoggedAgain() {
        DiagnosticReporter reporter = reporter(new DefaultBuildContext());
        reporter.clear(List.of(source.resolve("shop/order.quic")));
        reporter.report(List.of(UNKNOWN_TYPE), false);
        assertEquals(1, logged.size());
    }

    @Test
    void fileMissingFromEveryRootKeepsTheCompilersPath() {
        Diagnostic missing = new Diagnostic(
                DiagnosticCode.FILE_NOT_FOUND,
                SourceLocation.ofFile("gone.quic"),
                "file 'gone.quic' is not in any import root",
                Optional.empty());
        reporter(ide()).report(List.of(missing), false);
        assertEquals(List.of("error gone.quic: error[QIDL004]: file 'gone.quic' is not in any import root"), logged);
        assertEquals(List.of(), marked);
    }

    private DiagnosticReporter reporter(BuildContext buildContext) {
        return new DiagnosticReporter(log(), buildContext, project, List.of(source, dependency));
    }

    /** A log that records "level text". */
    private Log log() {
        return (Log) Proxy.newProxyInstance(
                Log.class.getClassLoader(), new Class<?>[] {Log.class}, (proxy, method, args) -> {
                    if (args != null && args.length == 1 && args[0] instanceof CharSequence text) {
                        logged.add(method.getName() + " " + text);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    /** An IDE's build context that records the marker calls. */
    private BuildContext ide() {
        return (BuildContext) Proxy.newProxyInstance(
                BuildContext.class.getClassLoader(), new Class<?>[] {BuildContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addMessage")) {
                        marked.add("addMessage " + args[0] + " " + args[1] + ":" + args[2] + " " + args[3] + " "
                                + args[4]);
                    } else if (method.getName().equals("removeMessages")) {
                        marked.add("removeMessages " + args[0]);
                    }
                    return null;
                });
    }
}
