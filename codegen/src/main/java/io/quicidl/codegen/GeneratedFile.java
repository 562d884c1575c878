package io.quicidl.codegen;

/**
 * One generated Java source, before it is written.
 *
 * @param path relative to the output directory, e.g. {@code com/acme/chat/ChatMessage.java}
 * @param content the source text
 */
public record GeneratedFile(String path, String content) {}
