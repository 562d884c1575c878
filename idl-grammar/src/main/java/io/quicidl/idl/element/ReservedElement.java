package io.quicidl.idl.element;

import io.quicidl.idl.diagnostic.SourceLocation;
import java.util.List;

/** {@code reserved 7, 9 to 11, "old_name";} */
public record ReservedElement(SourceLocation location, List<Range> ranges, List<String> names) {

    public ReservedElement {
        ranges = List.copyOf(ranges);
        names = List.copyOf(names);
    }

    /**
     * {@code start}, {@code start to end}, or {@code start to max}; a single number has
     * {@code end == start}, and {@code toMax} ignores {@code end}.
     */
    public record Range(long start, long end, boolean toMax) {}
}
