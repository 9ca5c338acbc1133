package org.lmlab.tokenizers.bpe;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compact binary form of a {@link BpeModel} (the bytes each id stands for, which ids are
 * special, the merges as id triples), which loads in a fraction of the time of
 * {@code encoder.json} + {@code vocab.bpe}: no JSON, no text at all (the vocabulary text is made
 * only if asked for), no map look-ups. The build writes one for the bundled GPT-2 vocabulary
 * ({@link #main}); the model read back is checked by {@link BpeModel#ofBytes} as any model is.
 */
public final class BpeBinary {

    private static final byte[] MAGIC = "lmlab-bpe-3\n".getBytes(StandardCharsets.US_ASCII);

    private BpeBinary() {
    }

    /**
     * Writes the model: the magic line, then big-endian ints: token count, merge count, special
     * count, each token's end offset in the byte section, the merges, the special ids; then the
     * tokens' bytes (a special token's: its text in UTF-8), one after another.
     */
    public static void write(BpeModel model, OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] ends = new int[model.size()];
        List<Integer> specials = new ArrayList<>();
        for (int id = 0; id < model.size(); id++) {
            bytes.write(model.bytesUnsafe(id));
            ends[id] = bytes.size();
            if (model.isSpecial(id)) {
                specials.add(id);
            }
        }
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.write(MAGIC);
        data.writeInt(model.size());
        data.writeInt(model.mergeCount());
        data.writeInt(specials.size());
        for (int end : ends) {
            data.writeInt(end);
        }
        for (int rank = 0; rank < model.mergeCount(); rank++) {
            for (int id : model.merge(rank)) {
                data.writeInt(id);
            }
        }
        for (int id : specials) {
            data.writeInt(id);
        }
        bytes.writeTo(data);
        data.flush();
    }

    /**
     * Reads a model written by {@link #write}; {@code name} is used in errors. The arrays are
     * read in bulk and no text is decoded (start-up runs this before the JIT has compiled anything).
     */
    public static BpeModel read(InputStream in, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(in.readAllBytes());
        try {
            byte[] magic = new byte[MAGIC.length];
            buffer.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(name + ": not an lmlab binary BPE file");
            }
            int size = buffer.getInt();
            int count = buffer.getInt();
            int specialCount = buffer.getInt();
            if (size < 0 || count < 0 || specialCount < 0 || specialCount > size
                    || (size + 3L * count + specialCount) * Integer.BYTES > buffer.remaining()) {
                throw new IOException(name + ": truncated");
            }
            int[] ends = ints(buffer, size);
            int[] flat = ints(buffer, 3 * count);
            int[] specialIds = ints(buffer, specialCount);
            int start = buffer.position();
            if (size > 0 && ends[size - 1] != buffer.remaining()) {
                throw new IOException(name + ": the token bytes are " + buffer.remaining() + ", the offsets say " + ends[size - 1]);
            }
            byte[] all = buffer.array();
            byte[][] tokenBytes = new byte[size][];
            int from = 0;
            for (int id = 0; id < size; id++) {
                if (ends[id] < from) {
                    throw new IOException(name + ": token offsets go backwards at id " + id);
                }
                tokenBytes[id] = Arrays.copyOfRange(all, start + from, start + ends[id]);
                from = ends[id];
            }
            int[][] merges = new int[count][];
            for (int rank = 0; rank < count; rank++) {
                merges[rank] = Arrays.copyOfRange(flat, 3 * rank, 3 * rank + 3);
            }
            boolean[] special = new boolean[size];
            for (int id : specialIds) {
                if (id < 0 || id >= size) {
                    throw new IOException(name + ": special id " + id + " outside 0.." + (size - 1));
                }
                special[id] = true;
            }
            return BpeModel.ofBytes(tokenBytes, special, merges);
        } catch (BufferUnderflowException truncated) {
            throw new IOException(name + ": truncated", truncated);
        } catch (IllegalArgumentException invalid) {
            throw new IOException(name + ": " + invalid.getMessage(), invalid);
        }
    }

    private static int[] ints(ByteBuffer buffer, int count) {
        int[] values = new int[count];
        buffer.asIntBuffer().get(values);
        buffer.position(buffer.position() + count * Integer.BYTES);
        return values;
    }

    /** Build step: {@code BpeBinary ENCODER_JSON VOCAB_BPE OUT} converts a vocabulary to the binary form. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BpeBinary encoder.json vocab.bpe out.bin");
        }
        BpeModel model;
        try (InputStream encoder = Files.newInputStream(Path.of(args[0])); InputStream merges = Files.newInputStream(Path.of(args[1]))) {
            model = BpeFiles.read(encoder, args[0], merges, args[1]);
        }
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(out)) {
            write(model, stream);
        }
    }
}
