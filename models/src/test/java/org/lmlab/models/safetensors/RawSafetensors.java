package org.lmlab.models.safetensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Assembles safetensors bytes by hand, so tests control every byte, hostile ones included. */
final class RawSafetensors {

    private RawSafetensors() {
    }

    /** Length prefix (the header's true length), the header as UTF-8, then the data. */
    static byte[] file(String headerJson, byte[] data) {
        return file(headerJson.getBytes(StandardCharsets.UTF_8), data);
    }

    /** Length prefix (the header's true length), the raw header bytes, then the data. */
    static byte[] file(byte[] header, byte[] data) {
        return concat(lengthPrefix(header.length), header, data);
    }

    /** A little-endian 8-byte length prefix declaring {@code length}. */
    static byte[] lengthPrefix(long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
    }

    /** Pads a JSON header with spaces to a multiple of 8 bytes, as the Python library does. */
    static String padded(String headerJson) {
        int length = headerJson.getBytes(StandardCharsets.UTF_8).length;
        return headerJson + " ".repeat((8 - length % 8) % 8);
    }

    static byte[] floatsLe(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    static byte[] shortsLe(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return buffer.array();
    }

    static byte[] longsLe(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static Path write(Path directory, String fileName, byte[] bytes) throws IOException {
        return Files.write(directory.resolve(fileName), bytes);
    }
}
