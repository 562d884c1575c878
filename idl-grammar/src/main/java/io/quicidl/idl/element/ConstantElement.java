package io.quicidl.idl.element;

/** A literal value of an option or annotation argument (annotation arguments may also be names). */
public sealed interface ConstantElement {

    /** An integer literal, sign included. */
    record NumberConstant(long value) implements ConstantElement {}

    /** A string literal, without its quotes. */
    record StringConstant(String value) implements ConstantElement {}

    /** A bare name, as annotation arguments allow: {@code delivery = datagram}. */
    record NameConstant(String name) implements ConstantElement {}
}
