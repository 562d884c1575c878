package io.quicidl.idl.element;

/** A literal value of an option or annotation argument. */
public sealed interface ConstantElement {

    /** An integer literal, sign included. */
    record NumberConstant(long value) implements ConstantElement {}

    /** A string literal, without its quotes. */
    record StringConstant(String value) implements ConstantElement {}
}
