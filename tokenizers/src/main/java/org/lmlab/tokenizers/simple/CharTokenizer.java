package org.lmlab.tokenizers.simple;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.text.IntList;
import org.lmlab.tokenizers.text.KnownSpecialTokens;
import org.lmlab.tokenizers.text.SpecialTokenSplitter;

/**
 * One token per character (Unicode code point): the vocabulary is the sorted distinct code
 * points of a text, as in nanoGPT's character-level Shakespeare (65 characters, {@code a} =
 * 39), followed by {@code <|endoftext|>} and {@code <|unk|>}; characters outside it become
 * {@code <|unk|>}.
 */
public final class CharTokenizer implements Tokenizer {

    /** The end-of-text token. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** The unknown-character token. */
    public static final String UNKNOWN = "<|unk|>";

    private final int[] codePoints;
    private final Map<Integer, Integer> ids;
    private final int endOfTextId;
    private final int unknownId;
    private final SpecialTokenSplitter specialSplitter;
    private final SpecialTokens specialTokens;

    private CharTokenizer(int[] sortedCodePoints) {
        this.codePoints = sortedCodePoints;
        this.ids = new HashMap<>(codePoints.length * 2);
        for (int id = 0; id < codePoints.length; id++) {
            ids.put(codePoints[id], id);
        }
        this.endOfTextId = codePoints.length;
        this.unknownId = codePoints.length + 1;
        Map<String, Integer> specials = new LinkedHashMap<>();
        specials.put(END_OF_TEXT, endOfTextId);
        specials.put(UNKNOWN, unknownId);
        this.specialSplitter = new SpecialTokenSplitter(specials);
        this.specialTokens = KnownSpecialTokens.rolesOf(specials);
    }

    /** A tokenizer over the distinct characters of {@code text}. */
    public static CharTokenizer fromText(String text) {
        return new CharTokenizer(text.codePoints().distinct().sorted().toArray());
    }

    @Override
    public int[] encode(String text) {
        IntList out = new IntList(text.length());
        encodeChars(text, 0, text.length(), out);
        return out.toArray();
    }

    @Override
    public int[] encodeAllowingSpecial(String text) {
        IntList out = new IntList(text.length());
        specialSplitter.split(text, new SpecialTokenSplitter.Sink() {
            @Override
            public void text(int start, int end) {
                encodeChars(text, start, end, out);
            }

            @Override
            public void special(int id) {
                out.add(id);
            }
        });
        return out.toArray();
    }

    private void encodeChars(String text, int from, int to, IntList out) {
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Integer id = ids.get(cp);
            out.add(id == null ? unknownId : id);
        }
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder(ids.length);
        for (int id : ids) {
            out.append(token(id));
        }
        return out.toString();
    }

    @Override
    public String token(int id) {
        if (id >= 0 && id < codePoints.length) {
            return new String(Character.toChars(codePoints[id]));
        }
        if (id == endOfTextId) {
            return END_OF_TEXT;
        }
        if (id == unknownId) {
            return UNKNOWN;
        }
        throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.." + unknownId + ")");
    }

    @Override
    public int vocabSize() {
        return codePoints.length + 2;
    }

    @Override
    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** The characters of the vocabulary, in id order (a copy). */
    public int[] codePoints() {
        return Arrays.copyOf(codePoints, codePoints.length);
    }
}
