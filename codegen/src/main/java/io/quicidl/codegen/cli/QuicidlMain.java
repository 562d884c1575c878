package io.quicidl.codegen.cli; public final class QuicidlMain { public static void main(String[] a) {} }
