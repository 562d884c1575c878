package io.quicidl.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.diagnostic.SourceLocation;
import io.quicidl.idl.element.FileElement;
import io.quicidl.idl.parser.SchemaParser;
import io.quicidl.idl.printer.SchemaPrinter;
import io.quicidl.idl.source.Source;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrinterRoundTripTest {

    /** Every schema that parses: the test resources and the diagnostics table's inputs. */
    static Stream<Arguments> schemas() {
        List<Arguments> all = new ArrayList<>();
        TestSchemas.all().forEach((path, text) -> all.add(Arguments.of("schemas/" + path, path, text)));
        for (DiagnosticCase c : DiagnosticCases.all()) {
            c.files().forEach((path, text) -> {
                if (parses(path, text)) {
                    all.add(Arguments.of(c.behaviour() + "/" + path, path, text));
                }
            });
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void parsingThePrintedFormGivesTheSameElements(String name, String path, String text) throws SchemaException {
        FileElement parsed = SchemaParser.parse(new Source(path, "test", text));
        String printed = SchemaPrinter.print(parsed);
        FileElement reparsed = SchemaParser.parse(new Source(path, "test", printed));
        assertEquals(withoutLocations(parsed), withoutLocations(reparsed), printed);
        assertEquals(printed, SchemaPrinter.print(reparsed));
    }

    @Test
    void printerKeepsDocCommentsAndLayout() throws SchemaException {
        String text = """
                package t;
                /// Two lines
                ///   of doc.
                message A { optional list<string> x = 1; reserved 2 to max, "y"; }
                service S { @realtime(max_age_ms = 5) rpc m(stream A); }
                """;
        String expected = """
                package t;

                /// Two lines
                ///   of doc.
                message A {
                  optional list<string> x = 1;
                  reserved 2 to max, "y";
                }

                service S {
                  @realtime(max_age_ms = 5)
                  rpc m(stream A);
                }
                """;
        assertEquals(expected, SchemaPrinter.print(SchemaParser.parse(new Source("a.quic", "test", text))));
    }

    @Test
    void structuralComparisonSeesEveryComponent() throws SchemaException {
        FileElement a = SchemaParser.parse(new Source("a.quic", "test", "package t; message A { int32 x = 1; }"));
        FileElement b = SchemaParser.parse(new Source("a.quic", "test", "package t;\n\nmessage A { int32 x = 2; }"));
        assertTrue(!withoutLocations(a).equals(withoutLocations(b)));
    }

    private static boolean parses(String path, String text) {
        try {
            SchemaParser.parse(new Source(path, "test", text));
            return true;
        } catch (SchemaException e) {
            return false;
        }
    }

    /** The element tree as nested maps and lists, with every SourceLocation left out. */
    static Object withoutLocations(Object value) {
        if (value instanceof Record record) {
            Map<String, Object> components = new LinkedHashMap<>();
            components.put("#type", record.getClass().getSimpleName());
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getType() != SourceLocation.class) {
                    components.put(component.getName(), withoutLocations(read(component, record)));
                }
            }
            return components;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PrinterRoundTripTest::withoutLocations).toList();
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(PrinterRoundTripTest::withoutLocations);
        }
        return value;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
