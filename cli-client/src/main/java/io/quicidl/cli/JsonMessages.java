package io.quicidl.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonStreamParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages from and to JSON by protobuf's JSON mapping: lowerCamel field names (the schema's
 * names are accepted too), 64-bit integers as strings, bytes as base64, enums by name, maps as
 * objects.
 */
final class JsonMessages {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private JsonMessages() {}

    /** Every JSON object of {@code input} (one after the other, any whitespace between), as messages. */
    static List<DynamicMessage> read(Reader input, Descriptor type) throws CliFailure {
        List<DynamicMessage> messages = new ArrayList<>();
        JsonStreamParser parser = new JsonStreamParser(input);
        try {
            while (parser.hasNext()) {
                JsonElement element = parser.next();
                int index = messages.size() + 1;
                if (!element.isJsonObject()) {
                    throw new CliFailure(
                            ExitCode.BAD_INPUT,
                            "request " + index + " is not a JSON object for " + type.getFullName() + ": " + element);
                }
                DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
                try {
                    PARSER.merge(element.toString(), message);
                } catch (InvalidProtocolBufferException e) {
                    throw new CliFailure(
                            ExitCode.BAD_INPUT,
                            "request " + index + " does not fit " + type.getFullName() + ": " + e.getMessage());
                }
                messages.add(message.build());
            }
        } catch (JsonParseException e) {
            throw new CliFailure(
                    ExitCode.BAD_INPUT, "request " + (messages.size() + 1) + " is not valid JSON: " + rootMessage(e));
        }
        return messages;
    }

    /** One line of JSON. */
    static String write(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            // Only Any fields, which quicidl has not, can fail to print.
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
