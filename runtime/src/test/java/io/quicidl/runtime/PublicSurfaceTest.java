package io.quicidl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code io.quicidl.runtime} and {@code io.quicidl.runtime.tls} names no
 * internal type: no public or protected member or supertype of a public class there mentions
 * the transport, call, wire or in-process packages, or Netty. Generated code and users see only
 * these two packages.
 */
class PublicSurfaceTest {
    private static final List<String> INTERNAL = List.of(
            "io.quicidl.runtime.transport.",
            "io.quicidl.runtime.call.",
            "io.quicidl.runtime.wire.",
            "io.quicidl.runtime.inprocess.",
            "io.netty.");

    @Test
    void publicSignaturesNameNoInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = rootTypes();
        assertTrue(
                types.contains(Channel.class)
                        && types.contains(InProcessServer.Builder.class)
                        && types.contains(io.quicidl.runtime.tls.TlsSessions.class),
                types::toString);
        for (Class<?> type : types) {
            if (!isVisible(type.getModifiers())) {
                continue;
            }
            check(type + " extends", type.getGenericSuperclass(), leaks);
            for (Type implemented : type.getGenericInterfaces()) {
                check(type + " implements", implemented, leaks);
            }
            for (Field field : type.getDeclaredFields()) {
                if (isVisible(field.getModifiers())) {
                    check(field.toString(), field.getGenericType(), leaks);
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (isVisible(method.getModifiers()) && !method.isSynthetic()) {
                    check(method.toGenericString(), method.getGenericReturnType(), leaks);
                    checkExecutable(method, leaks);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (isVisible(constructor.getModifiers())) {
                    checkExecutable(constructor, leaks);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void checkExecutable(Executable executable, List<String> leaks) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(executable.toGenericString(), parameter, leaks);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(executable.toGenericString(), thrown, leaks);
        }
    }

    private static void check(String where, Type type, List<String> leaks) {
        if (type != null && INTERNAL.stream().anyMatch(type.getTypeName()::contains)) {
            leaks.add(where + ": " + type.getTypeName());
        }
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Every class compiled into the root and tls packages, nested ones included. */
    private static List<Class<?>> rootTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Channel.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : List.of("io.quicidl.runtime", "io.quicidl.runtime.tls")) {
            try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class"))
                        .sorted()
                        .toList()) {
                    String name = pkg + "." + file.getFileName().toString().replace(".class", "");
                    types.add(Class.forName(name, false, PublicSurfaceTest.class.getClassLoader()));
                }
            }
        }
        return types;
    }
}
