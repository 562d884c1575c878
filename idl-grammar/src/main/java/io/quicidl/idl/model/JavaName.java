package io.quicidl.idl.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a schema type lives in Java: its package and its simple names from the outermost
 * class inwards ({@code [Everything, Inner]} for a nested message), ready for
 * {@code ClassName.get(packageName, first, rest...)}.
 */
public record JavaName(String packageName, List<String> simpleNames) {

    public JavaName {
        simpleNames = List.copyOf(simpleNames);
        if (simpleNames.isEmpty()) {
            throw new IllegalArgumentException("a Java name needs at least one simple name");
        }
    }

    /** The innermost simple name: the class's own name. */
    public String simpleName() {
        return simpleNames.get(simpleNames.size() - 1);
    }

    /** {@code com.acme.chat.Everything.Inner} */
    public String canonicalName() {
        String nested = String.join(".", simpleNames);
        return packageName.isEmpty() ? nested : packageName + "." + nested;
    }

    /** The name of a class nested in this one. */
    public JavaName nested(String simpleName) {
        List<String> names = new ArrayList<>(simpleNames);
        names.add(simpleName);
        return new JavaName(packageName, names);
    }
}
