package io.quicidl.runtime;

/**
 * One response of an {@code @unordered} call with the index the server handler gave it
 * (SPEC.md §5.6).
 *
 * @param index the response's index, unique within the call
 * @param value the response message
 */
public record Indexed<T>(long index, T value) {}
