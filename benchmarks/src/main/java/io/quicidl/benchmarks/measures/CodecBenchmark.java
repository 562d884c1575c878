package io.quicidl.benchmarks.measures;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quicidl.benchmarks.quicidl.Order;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of measure 8: {@link CodecSampleOrder} through quicidl's generated codec and
 * through protobuf-java, each from a message to a {@code byte[]} and back. Both libraries remember
 * a message's encoded size, so encoding the same instance again skips the size pass in both.
 * Run by {@link CodecThroughput}, which reads the results by method name. The names start with the
 * operation because JMH runs benchmarks in name order: each pair then runs back to back, and drift
 * on a shared box falls less between the two sides of one comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
    private Order quicidlOrder;
    private io.quicidl.benchmarks.proto.Order protobufOrder;
    private byte[] encoded;

    @Setup
    public void setUp() {
        quicidlOrder = CodecSampleOrder.quicidl();
        protobufOrder = CodecSampleOrder.protobuf();
        encoded = protobufOrder.toByteArray();
    }

    @Benchmark
    public Order roundTripQuicidl() throws IOException {
        return readQuicidl(writeQuicidl(quicidlOrder));
    }

    @Benchmark
    public io.quicidl.benchmarks.proto.Order roundTripProtobuf() throws InvalidProtocolBufferException {
        return io.quicidl.benchmarks.proto.Order.parseFrom(protobufOrder.toByteArray());
    }

    @Benchmark
    public byte[] encodeQuicidl() throws IOException {
        return writeQuicidl(quicidlOrder);
    }

    @Benchmark
    public byte[] encodeProtobuf() {
        return protobufOrder.toByteArray();
    }

    @Benchmark
    public Order decodeQuicidl() throws IOException {
        return readQuicidl(encoded);
    }

    @Benchmark
    public io.quicidl.benchmarks.proto.Order decodeProtobuf() throws InvalidProtocolBufferException {
        return io.quicidl.benchmarks.proto.Order.parseFrom(encoded);
    }

    /** What protobuf-java's {@code toByteArray()} does, through quicidl's codec. */
    static byte[] writeQuicidl(Order order) throws IOException {
        byte[] bytes = new byte[Order.CODEC.encodedSize(order)];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        Order.CODEC.encode(order, out);
        out.checkNoSpaceLeft();
        return bytes;
    }

    /** What protobuf-java's {@code parseFrom(byte[])} does, through quicidl's codec. */
    static Order readQuicidl(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        Order order = Order.CODEC.decode(in);
        in.checkLastTagWas(0);
        return order;
    }
}
