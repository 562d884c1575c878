package io.quicidl.benchmarks.systems;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.protobuf.ProtoUtils;
import io.quicidl.benchmarks.proto.Chunk;
import io.quicidl.benchmarks.proto.Payload;
import io.quicidl.benchmarks.proto.StreamRequest;

/**
 * The gRPC methods of the benchmark service, the counterparts of {@code bench.quic}'s echo, download
 * and echoStream. Described by hand because protoc-gen-grpc-java is not available here; they are
 * what its generated stub would hold.
 */
final class GrpcBenchMethods {
    static final String SERVICE = "quicidl.bench.Bench";

    static final MethodDescriptor<Payload, Payload> ECHO =
            method(MethodType.UNARY, "Echo", Payload.getDefaultInstance(), Payload.getDefaultInstance());

    static final MethodDescriptor<StreamRequest, Chunk> DOWNLOAD = method(
            MethodType.SERVER_STREAMING, "Download", StreamRequest.getDefaultInstance(), Chunk.getDefaultInstance());

    static final MethodDescriptor<Payload, Payload> ECHO_STREAM =
            method(MethodType.BIDI_STREAMING, "EchoStream", Payload.getDefaultInstance(), Payload.getDefaultInstance());

    private GrpcBenchMethods() {}

    private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(
            MethodType type, String name, Q request, R response) {
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(response))
                .build();
    }
}
