package io.quicidl.runtime;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Adds many elements or entries to a generated builder's list or map field, refusing nulls
 * with the field's name. For generated code: it lives here, not in each builder, so that a
 * schema's generated sources stay small.
 */
public final class BuilderCollections {
    private BuilderCollections() {}

    /**
     * Adds {@code values} at the end of {@code into}, in order.
     *
     * @param into the builder's list
     * @param values the elements
     * @param what names an element in the exception when one is null, e.g. {@code "tags element"}
     * @param <T> the element type
     * @throws NullPointerException when {@code values} or one of them is null; the elements before it are added
     */
    public static <T> void addAll(Collection<T> into, Iterable<? extends T> values, String what) {
        Objects.requireNonNull(values, "values");
        for (T value : values) {
            into.add(Objects.requireNonNull(value, what));
        }
    }

    /**
     * Puts every entry of {@code entries} in {@code into}, replacing the values of keys already there.
     *
     * @param into the builder's map
     * @param entries the entries
     * @param field the field's name, for the exception when a key or value is null
     * @param <K> the key type
     * @param <V> the value type
     * @throws NullPointerException when {@code entries} or a key or value in it is null; the entries before it are put
     */
    public static <K, V> void putAll(Map<K, V> into, Map<? extends K, ? extends V> entries, String field) {
        Objects.requireNonNull(entries, "entries");
        for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
            K key = entry.getKey();
            V value = entry.getValue();
            // Checked here, not with requireNonNull: the message is built only when it is thrown.
            if (key == null) {
                throw new NullPointerException(field + " key");
            }
            if (value == null) {
                throw new NullPointerException(field + " value");
            }
            into.put(key, value);
        }
    }
}
