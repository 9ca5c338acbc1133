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
 * A compact binary form of a {@link BpeModel} (each token's UTF-8 text, then the merges as id
 * triples), which loads in a fraction of the time of {@code encoder.json} + {@code vocab.bpe}:
 * no JSON, no string splitting, no map look-ups. The build writes one for the bundled GPT-2
 * vocabulary ({@link #main}); the model read back is checked by {@link BpeModel#of} like any.
 */
public final class BpeBinary {

    private static final byte[] MAGIC = "lmlab-bpe-2\n".getBytes(StandardCharsets.US_ASCII);

    private BpeBinary() {
    }

    /** Writes the model: the magic line, then big-endian ints: token count, token end offsets, merge count; the token text; the merges. */
    public static void write(BpeModel model, OutputStream out) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int[] ends = new int[model.size()];
        for (int id = 0; id < model.size(); id++) {
            text.write(model.token(id).getBytes(StandardCharsets.UTF_8));
            ends[id] = text.size();
        }
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.write(MAGIC);
        data.writeInt(model.size());
        data.writeInt(model.mergeCount());
        for (int end : ends) {
            data.writeInt(end);
        }
        for (int rank = 0; rank < model.mergeCount(); rank++) {
            for (int id : model.merge(rank)) {
                data.writeInt(id);
            }
        }
        text.writeTo(data);
        data.flush();
    }

    /**
     * Reads a model written by {@link #write}; {@code name} is used in errors. The arrays are
     * read in bulk (start-up runs this before the JIT has compiled anything).
     */
    public static BpeModel read(InputStream in, String name) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes());
        try {
            byte[] magic = new byte[MAGIC.length];
            bytes.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(name + ": not an lmlab binary BPE file");
            }
            int size = bytes.getInt();
            int count = bytes.getInt();
            if (size < 0 || count < 0 || (long) (size + 3L * count) * Integer.BYTES > bytes.remaining()) {
                throw new IOException(name + ": truncated");
            }
            int[] ends = new int[size];
            bytes.asIntBuffer().get(ends);
            bytes.position(bytes.position() + size * Integer.BYTES);
            int[] flat = new int[3 * count];
            bytes.asIntBuffer().get(flat);
            bytes.position(bytes.position() + flat.length * Integer.BYTES);
            int textStart = bytes.position();
            if (size > 0 && (ends[size - 1] != bytes.remaining())) {
                throw new IOException(name + ": the token text is " + bytes.remaining() + " bytes, the offsets say " + ends[size - 1]);
            }
            byte[] all = bytes.array();
            List<String> tokens = new ArrayList<>(size);
            int start = 0;
            for (int id = 0; id < size; id++) {
                if (ends[id] < start) {
                    throw new IOException(name + ": token offsets go backwards at id " + id);
                }
                tokens.add(new String(all, textStart + start, ends[id] - start, StandardCharsets.UTF_8));
                start = ends[id];
            }
            List<int[]> merges = new ArrayList<>(count);
            for (int rank = 0; rank < count; rank++) {
                merges.add(new int[] {flat[3 * rank], flat[3 * rank + 1], flat[3 * rank + 2]});
            }
            return BpeModel.of(tokens, merges);
        } catch (BufferUnderflowException truncated) {
            throw new IOException(name + ": truncated", truncated);
        } catch (IllegalArgumentException invalid) {
            throw new IOException(name + ": " + invalid.getMessage(), invalid);
        }
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
