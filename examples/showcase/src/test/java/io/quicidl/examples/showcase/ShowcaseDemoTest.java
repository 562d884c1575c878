package io.quicidl.examples.showcase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShowcaseDemoTest {

    @Test
    void everyPatternWorksAndShowsItsStreamsOnTheWire() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean worked = ShowcaseDemo.run(new PrintStream(printed, true, UTF_8));
        String output = printed.toString(UTF_8);

        assertTrue(worked, output);
        for (String pattern : List.of(
                "@unary",
                "@server_streaming",
                "@client_streaming",
                "@duplex",
                "@notifications",
                "@unordered",
                "@realtime")) {
            assertTrue(output.contains(pattern + " "), pattern + " missing from\n" + output);
        }
        assertTrue(output.contains("Rejected: there is nothing to shout"), output);
        assertTrue(output.contains("client STOP_SENDING CANCELLED"), output);
        assertTrue(output.contains("1 client bidi + 8 server uni streams"), output);
        assertTrue(output.contains("client CONNECTION_CLOSE NO_ERROR"), output);
        assertTrue(output.contains("then 1 stream that ends the call"), output);
        assertTrue(output.contains("makes the older ones stale, so the server skips them"), output);
    }
}
