package io.quicidl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

    @Test
    void nothingKeptIsEmpty() throws IOException {
        assertSame(ByteString.EMPTY, UnknownFields.toByteString(null));
    }

    @Test
    void everyWireTypeIsCopiedInOrder() throws IOException {
        ByteString.Output bytes = ByteString.newOutput();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt64(1, 300);
        out.writeFixed64(2, 0x0102030405060708L);
        out.writeBytes(3, ByteString.copyFromUtf8("abc"));
        out.writeFixed32(4, 7);
        out.flush();
        ByteString encoded = bytes.toByteString();

        CodedInputStream in = encoded.newCodedInput();
        UnknownFields kept = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            kept = UnknownFields.keep(kept, in, tag);
        }
        assertEquals(encoded, UnknownFields.toByteString(kept));
    }

    @Test
    void groupsAreSkippedWithoutKeepingAnything() throws IOException {
        ByteString.Output bytes = ByteString.newOutput();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeTag(5, WireFormat.WIRETYPE_START_GROUP);
        out.writeInt32(1, 9);
        out.writeTag(5, WireFormat.WIRETYPE_END_GROUP);
        out.flush();
        CodedInputStream in = bytes.toByteString().newCodedInput();
        assertNull(UnknownFields.keep(null, in, in.readTag()));
        assertEquals(0, in.readTag());
    }

    @Test
    void aStrayEndGroupIsAnError() throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(new byte[0]);
        int endGroup = 5 << 3 | WireFormat.WIRETYPE_END_GROUP;
        assertThrows(InvalidProtocolBufferException.class, () -> UnknownFields.keep(null, in, endGroup));
    }

    @Test
    void enumNumbersAndEntriesAreAppendedToWhatCameBefore() throws IOException {
        UnknownFields kept = UnknownFields.keepEnum(null, 6, 42);
        assertSame(kept, UnknownFields.keepBytes(kept, 7, ByteString.copyFromUtf8("x")));

        ByteString.Output bytes = ByteString.newOutput();
        CodedOutputStream expected = CodedOutputStream.newInstance(bytes);
        expected.writeEnum(6, 42);
        expected.writeBytes(7, ByteString.copyFromUtf8("x"));
        expected.flush();
        assertEquals(bytes.toByteString(), UnknownFields.toByteString(kept));
    }
}
