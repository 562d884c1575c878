package io.quicidl.idl.model;

/** Reserved numbers {@code start..end}, both inclusive. */
public record ReservedRange(int start, int end) {

    public boolean contains(int number) {
        return number >= start && number <= end;
    }
}
