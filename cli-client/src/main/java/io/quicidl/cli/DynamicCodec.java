package io.quicidl.cli;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.quicidl.runtime.MessageCodec;
import java.io.IOException;

/** Encodes and decodes one message type known only at run time, through its protobuf descriptor. */
final class DynamicCodec implements MessageCodec<DynamicMessage> {
    private final Descriptor descriptor;

    DynamicCodec(Descriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public int encodedSize(DynamicMessage value) {
        return value.getSerializedSize();
    }

    @Override
    public void encode(DynamicMessage value, CodedOutputStream out) throws IOException {
        value.writeTo(out);
    }

    @Override
    public DynamicMessage decode(CodedInputStream in) throws IOException {
        return DynamicMessage.parseFrom(descriptor, in);
    }
}
