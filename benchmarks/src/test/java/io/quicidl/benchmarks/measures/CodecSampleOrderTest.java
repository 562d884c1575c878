package io.quicidl.benchmarks.measures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quicidl.benchmarks.quicidl.Order;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Measure 8 compares like with like only if both codecs write the same bytes for the sample order. */
class CodecSampleOrderTest {

    @Test
    void quicidlAndProtobufEncodeTheSampleOrderToIdenticalBytes() throws Exception {
        byte[] quicidl = CodecBenchmark.writeQuicidl(CodecSampleOrder.quicidl());
        byte[] protobuf = CodecSampleOrder.protobuf().toByteArray();

        assertArrayEquals(protobuf, quicidl);
    }

    @Test
    void eachDecodesTheOthersBytesToTheSameOrder() throws Exception {
        Order fromProtobuf =
                CodecBenchmark.readQuicidl(CodecSampleOrder.protobuf().toByteArray());
        io.quicidl.benchmarks.proto.Order fromQuicidl =
                io.quicidl.benchmarks.proto.Order.parseFrom(CodecBenchmark.writeQuicidl(CodecSampleOrder.quicidl()));

        assertEquals(CodecSampleOrder.quicidl(), fromProtobuf);
        assertEquals(CodecSampleOrder.protobuf(), fromQuicidl);
    }

    @Test
    void sampleOrderHasTheShapeTheReportDescribes() {
        io.quicidl.benchmarks.proto.Order order = CodecSampleOrder.protobuf();

        assertEquals(5, order.getItemsCount());
        assertEquals(4, order.getAttributesCount());
        assertTrue(order.getShipTo().getCity().length() > 0);
        String customer = order.getCustomer();
        assertTrue(customer.getBytes(StandardCharsets.UTF_8).length > customer.length(), "a non-ASCII string");
    }

    @Test
    void benchmarkMethodsReturnTheSampleOrder() throws Exception {
        CodecBenchmark benchmark = new CodecBenchmark();
        benchmark.setUp();

        assertEquals(CodecSampleOrder.quicidl(), benchmark.roundTripQuicidl());
        assertEquals(CodecSampleOrder.quicidl(), benchmark.decodeQuicidl());
        assertEquals(CodecSampleOrder.protobuf(), benchmark.roundTripProtobuf());
        assertEquals(CodecSampleOrder.protobuf(), benchmark.decodeProtobuf());
        assertArrayEquals(benchmark.encodeProtobuf(), benchmark.encodeQuicidl());
    }
}
