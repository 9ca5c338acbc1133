package org.lmlab.tokenizers.bpe;

import java.util.Arrays;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.text.IntList;
import org.lmlab.tokenizers.text.KnownSpecialTokens;
import org.lmlab.tokenizers.text.SpecialTokenSplitter;
import org.lmlab.tokenizers.text.Utf8;

/**
 * Byte-level BPE as GPT-2 does it: GPT-2's pre-tokenisation, UTF-8 bytes, rank-ordered
 * merges. With OpenAI's GPT-2 vocabulary it gives tiktoken's {@code gpt2} ids; with a
 * vocabulary from {@link BpeTrainer} it is the book's "BPE from scratch". Lone surrogates in
 * the input are encoded as U+FFFD, as tiktoken does; {@link #decode} restores the exact bytes
 * and replaces invalid UTF-8 by U+FFFD. Thread-safe.
 */
public final class ByteLevelBpeTokenizer implements Tokenizer {

    private final BpeModel model;
    private final SpecialTokens specialTokens;
    private final SpecialTokenSplitter specialSplitter;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** A tokenizer over a model; special-token roles come from their usual spellings. */
    public ByteLevelBpeTokenizer(BpeModel model) {
        this.model = model;
        this.specialTokens = KnownSpecialTokens.rolesOf(model.specials());
        this.specialSplitter = new SpecialTokenSplitter(model.specials());
    }

    /** The vocabulary and merges. */
    public BpeModel model() {
        return model;
    }

    @Override
    public int[] encode(String text) {
        String clean = Utf8.withoutLoneSurrogates(text);
        IntList out = new IntList(clean.length() / 3 + 8);
        encodeOrdinary(clean, 0, clean.length(), out, scratch.get());
        return out.toArray();
    }

    @Override
    public int[] encodeAllowingSpecial(String text) {
        String clean = Utf8.withoutLoneSurrogates(text);
        IntList out = new IntList(clean.length() / 3 + 8);
        Scratch local = scratch.get();
        specialSplitter.split(clean, new SpecialTokenSplitter.Sink() {
            @Override
            public void text(int start, int end) {
                encodeOrdinary(clean, start, end, out, local);
            }

            @Override
            public void special(int id) {
                out.add(id);
            }
        });
        return out.toArray();
    }

    private void encodeOrdinary(String text, int from, int to, IntList out, Scratch local) {
        Gpt2PreTokenizer.split(text, from, to, (start, end) -> encodePiece(text, start, end, out, local));
    }

    private void encodePiece(String text, int start, int end, IntList out, Scratch local) {
        int length = end - start;
        if (length == 1) {
            char c = text.charAt(start);
            if (c < 0x80) {
                out.add(model.byteId(c));
                return;
            }
        }
        String key = null;
        if (length <= PieceCache.MAX_PIECE_LENGTH) {
            key = text.substring(start, end);
            int[] cached = local.cache.get(key);
            if (cached != null) {
                out.addAll(cached);
                return;
            }
        }
        byte[] bytes = local.bytes(3 * length);
        int byteCount = Utf8.encode(text, start, end, bytes);
        int[] ids = local.ids(byteCount);
        int idCount = model.encodeBytes(bytes, byteCount, ids);
        out.addAll(ids, 0, idCount);
        if (key != null) {
            local.cache.put(key, Arrays.copyOf(ids, idCount));
        }
    }

    @Override
    public String decode(int[] ids) {
        byte[] bytes = decodeBytes(ids);
        return Utf8.decodeLenient(bytes, bytes.length);
    }

    /** The exact bytes of some ids; any prefix of a valid encoding decodes to a prefix of its bytes. */
    public byte[] decodeBytes(int[] ids) {
        int total = 0;
        for (int id : ids) {
            total += model.bytesUnsafe(id).length;
        }
        byte[] bytes = new byte[total];
        int at = 0;
        for (int id : ids) {
            byte[] token = model.bytesUnsafe(id);
            System.arraycopy(token, 0, bytes, at, token.length);
            at += token.length;
        }
        return bytes;
    }

    @Override
    public String token(int id) {
        return model.token(id);
    }

    @Override
    public int vocabSize() {
        return model.size();
    }

    @Override
    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** Per-thread buffers and cache, so encoding allocates little and needs no locks. */
    private static final class Scratch {
        final PieceCache cache = new PieceCache();
        private byte[] bytes = new byte[256];
        private int[] ids = new int[256];

        byte[] bytes(int capacity) {
            if (bytes.length < capacity) {
                bytes = new byte[Math.max(capacity, bytes.length * 2)];
            }
            return bytes;
        }

        int[] ids(int capacity) {
            if (ids.length < capacity) {
                ids = new int[Math.max(capacity, ids.length * 2)];
            }
            return ids;
        }
    }
}
