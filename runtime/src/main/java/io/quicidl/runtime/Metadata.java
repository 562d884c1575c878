package io.quicidl.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Ordered key/value pairs sent with a call, a response's headers or its trailers (SPEC.md §7.1).
 * Keys are 1–128 bytes of lowercase ASCII letters, digits, {@code -}, {@code _} and {@code .};
 * values are bytes (strings are stored as UTF-8). Immutable; build with {@link #builder()}.
 */
public final class Metadata {
    /** Bytes counted per entry on top of its key and value, as in SPEC.md §7.1. */
    public static final int ENTRY_OVERHEAD = 32;

    private static final Metadata EMPTY = new Metadata(List.of());
    private static final int MAX_KEY_LENGTH = 128;

    /** One key/value pair. The value array is never exposed to mutation. */
    public record Entry(String key, byte[] value) {
        public Entry {
            checkKey(key);
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The value decoded as UTF-8. */
        public String stringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }

        int valueLength() {
            return value.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry e && key.equals(e.key) && Arrays.equals(value, e.value);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + stringValue();
        }
    }

    private final List<Entry> entries;

    private Metadata(List<Entry> entries) {
        this.entries = entries;
    }

    /** Metadata with no entries. */
    public static Metadata empty() {
        return EMPTY;
    }

    /** A builder for new metadata. */
    public static Builder builder() {
        return new Builder();
    }

    /** Metadata from existing entries, in order. */
    public static Metadata of(List<Entry> entries) {
        return entries.isEmpty() ? EMPTY : new Metadata(List.copyOf(entries));
    }

    /** All entries, in the order they were added. */
    public List<Entry> entries() {
        return entries;
    }

    /** Whether there are no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The first value for {@code key} as UTF-8 text. */
    public Optional<String> get(String key) {
        return getBytes(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The first value for {@code key}. */
    public Optional<byte[]> getBytes(String key) {
        for (Entry entry : entries) {
            if (entry.key().equals(key)) {
                return Optional.of(entry.value());
            }
        }
        return Optional.empty();
    }

    /** Every value for {@code key} as UTF-8 text, in order. */
    public List<String> getAll(String key) {
        List<String> values = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.key().equals(key)) {
                values.add(entry.stringValue());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** The size that limits are checked against: key + value + {@value #ENTRY_OVERHEAD} per entry. */
    public int sizeInBytes() {
        int size = 0;
        for (Entry entry : entries) {
            size += entry.key().length() + entry.valueLength() + ENTRY_OVERHEAD;
        }
        return size;
    }

    /** A builder that starts with these entries. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.entries.addAll(entries);
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metadata m && entries.equals(m.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    static void checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "metadata key must be 1 to " + MAX_KEY_LENGTH + " characters: '" + key + "'");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            if (!allowed) {
                throw new IllegalArgumentException("metadata key '" + key + "' has character '" + c + "' at " + i
                        + "; keys are lowercase ASCII letters, digits, '-', '_' and '.'");
            }
        }
    }

    /** Collects entries for a new {@link Metadata}. Not thread-safe. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {}

        /** Adds a text value (stored as UTF-8). */
        public Builder add(String key, String value) {
            entries.add(new Entry(key, value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /** Adds a binary value. */
        public Builder add(String key, byte[] value) {
            entries.add(new Entry(key, value));
            return this;
        }

        /** The metadata built so far. */
        public Metadata build() {
            return Metadata.of(entries);
        }
    }
}
