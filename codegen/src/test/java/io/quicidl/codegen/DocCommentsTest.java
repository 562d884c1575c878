package io.quicidl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import com.sun.source.util.JavacTask;
import io.quicidl.idl.source.SourceProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema's {@code ///} comment reaches every generated element that comes from its
 * declaration: message and its accessors and setters, nested types, enum and values, error, its
 * accessors and constructor, and per service and rpc every class and method generated for them.
 */
class DocCommentsTest {

    private static final String SCHEMA = """
            package docs.check;

            /// docMessage
            message Msg {
              /// docFieldA
              string a = 1;
              /// docFieldInner
              Inner inner = 2;
              /// docFieldTags
              list<string> tags = 3;
              /// docNested
              message Inner {
                /// docNestedX
                int32 x = 1;
              }
            }

            /// docEnum
            enum Kind {
              /// docEnumZero
              ZERO = 0;
            }

            /// docError
            error Oops {
              /// docErrorWhy
              string why = 1;
            }

            /// docService
            service Svc {
              /// docRpcGet
              @unary rpc get(Msg) returns (Msg) throws Oops;
              /// docRpcWatch
              @server_streaming rpc watch(Msg) returns (stream Msg);
            }
            """;

    @TempDir
    Path root;

    @Test
    void schemaDocCommentsReachEveryGeneratedElementOfTheirDeclaration() throws IOException {
        Files.writeString(root.resolve("docs.quic"), SCHEMA, StandardCharsets.UTF_8);
        QuicidlCompiler.Generation generation = QuicidlCompiler.generate(
                SourceProvider.directories(List.of(root)), List.of("docs.quic"), GenerationOptions.DEFAULT);
        assertTrue(generation.diagnostics().stream().noneMatch(d -> d.isError()), generation.diagnostics()::toString);
        Map<String, List<String>> docs = docComments(generation.files());

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Msg", "docMessage");
        for (String owner : List.of("Msg", "Msg.Builder")) {
            expected.put(owner + "#a", "docFieldA");
            expected.put(owner + "#inner", "docFieldInner");
            expected.put(owner + "#tags", "docFieldTags");
        }
        expected.put("Msg.Inner", "docNested");
        expected.put("Msg.Inner#x", "docNestedX");
        expected.put("Msg.Inner.Builder#x", "docNestedX");
        expected.put("Kind", "docEnum");
        expected.put("Kind#ZERO", "docEnumZero");
        expected.put("Oops", "docError");
        expected.put("Oops#why", "docErrorWhy");
        expected.put("Oops#<init>", "docErrorWhy");
        for (String type : List.of(
                "SvcMethods", "SvcServer", "SvcAsyncServer", "SvcServerBinding", "SvcClient", "SvcAsyncClient")) {
            expected.put(type, "docService");
        }
        expected.put("SvcMethods#GET", "docRpcGet");
        expected.put("SvcMethods#WATCH", "docRpcWatch");
        for (String type : List.of("SvcServer", "SvcAsyncServer", "SvcClient", "SvcAsyncClient")) {
            expected.put(type + "#get", "docRpcGet");
            expected.put(type + "#watch", "docRpcWatch");
        }

        List<String> missing = new ArrayList<>();
        expected.forEach((element, marker) -> {
            List<String> overloads = docs.getOrDefault(element, List.of());
            if (overloads.isEmpty() || !overloads.stream().allMatch(d -> d != null && d.contains(marker))) {
                missing.add(element + " lacks " + marker + ": " + overloads);
            }
        });
        assertEquals(List.of(), missing);
    }

    /**
     * The doc comments of every type and public member, keyed {@code Outer.Inner} or
     * {@code Type#member}; overloads share a key.
     */
    private static Map<String, List<String>> docComments(List<GeneratedFile> files) throws IOException {
        List<JavaFileObject> sources = files.stream()
                .map(f -> JavaFileObjects.forSourceString(
                        f.path().replace(".java", "").replace('/', '.'), f.content()))
                .toList();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavacTask task = (JavacTask) javac.getTask(
                null,
                javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8),
                null,
                List.of("-proc:none", "-classpath", System.getProperty("java.class.path")),
                null,
                sources);
        Map<String, List<String>> docs = new LinkedHashMap<>();
        Elements elements = task.getElements();
        for (Element element : task.analyze()) {
            if (element instanceof TypeElement type) {
                collect(type, type.getSimpleName().toString(), elements, docs);
            }
        }
        return docs;
    }

    private static void collect(TypeElement type, String name, Elements elements, Map<String, List<String>> docs) {
        docs.computeIfAbsent(name, k -> new ArrayList<>()).add(elements.getDocComment(type));
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement nested) {
                collect(nested, name + "." + nested.getSimpleName(), elements, docs);
            } else if (member.getModifiers().contains(Modifier.PUBLIC)
                    || member.getKind() == ElementKind.ENUM_CONSTANT) {
                docs.computeIfAbsent(name + "#" + member.getSimpleName(), k -> new ArrayList<>())
                        .add(elements.getDocComment(member));
            }
        }
    }
}
