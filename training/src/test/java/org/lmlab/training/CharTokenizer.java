package org.lmlab.training;

import java.util.EnumMap;
import java.util.Map;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;

/**
 * A character tokenizer for tests: ids 0-4 are [PAD] [UNK] [CLS] [SEP] [MASK], then one id per
 * character of a fixed alphabet (unknown characters map to [UNK]). Counts encode calls so cache
 * tests can prove a corpus was not re-tokenised.
 */
class CharTokenizer implements Tokenizer {

    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz .,'\n";
    static final int PAD = 0;
    static final int UNK = 1;
    static final int CLS = 2;
    static final int SEP = 3;
    static final int MASK = 4;
    static final int FIRST_CHAR = 5;

    private int encodeCalls;

    @Override
    public int[] encode(String text) {
        encodeCalls++;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int[] ids = new int[lower.length()];
        for (int i = 0; i < lower.length(); i++) {
            int at = ALPHABET.indexOf(lower.charAt(i));
            ids[i] = at < 0 ? UNK : FIRST_CHAR + at;
        }
        return ids;
    }

    @Override
    public int[] encodeAllowingSpecial(String text) {
        return encode(text);
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            text.append(id >= FIRST_CHAR ? ALPHABET.charAt(id - FIRST_CHAR) : '?');
        }
        return text.toString();
    }

    @Override
    public String token(int id) {
        return switch (id) {
            case PAD -> "[PAD]";
            case UNK -> "[UNK]";
            case CLS -> "[CLS]";
            case SEP -> "[SEP]";
            case MASK -> "[MASK]";
            default -> String.valueOf(ALPHABET.charAt(id - FIRST_CHAR));
        };
    }

    @Override
    public int vocabSize() {
        return FIRST_CHAR + ALPHABET.length();
    }

    @Override
    public SpecialTokens specialTokens() {
        Map<SpecialTokens.Role, Integer> ids = new EnumMap<>(SpecialTokens.Role.class);
        ids.put(SpecialTokens.Role.PAD, PAD);
        ids.put(SpecialTokens.Role.UNKNOWN, UNK);
        ids.put(SpecialTokens.Role.CLS, CLS);
        ids.put(SpecialTokens.Role.SEP, SEP);
        ids.put(SpecialTokens.Role.MASK, MASK);
        return SpecialTokens.of(ids);
    }

    int encodeCalls() {
        return encodeCalls;
    }
}
