package org.lmlab.eval.tasks;

import java.util.EnumMap;
import java.util.Map;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;

/**
 * A character tokenizer over the 97 ids of the models module's checkpoint fixtures: 0 [PAD],
 * 1 [CLS], 2 [SEP], 3 end-of-text, 4 [MASK], then one id per character of {@link #ALPHABET}
 * (any other character is an error, so a test's text is exactly what it says).
 */
public final class TestTokenizer implements Tokenizer {

    public static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'?!-;:\n\"()=<>@";
    public static final int PAD = 0;
    public static final int CLS = 1;
    public static final int SEP = 2;
    public static final int END_OF_TEXT = 3;
    public static final int MASK = 4;
    public static final int FIRST = 5;

    @Override
    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            int at = ALPHABET.indexOf(text.charAt(i));
            if (at < 0) {
                throw new IllegalArgumentException("test tokenizer: no id for '" + text.charAt(i) + "'");
            }
            ids[i] = FIRST + at;
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
            text.append(id >= FIRST ? ALPHABET.charAt(id - FIRST) : '?');
        }
        return text.toString();
    }

    @Override
    public String token(int id) {
        return id >= FIRST ? String.valueOf(ALPHABET.charAt(id - FIRST)) : "[" + id + "]";
    }

    @Override
    public int vocabSize() {
        return FIRST + ALPHABET.length();
    }

    @Override
    public SpecialTokens specialTokens() {
        Map<SpecialTokens.Role, Integer> ids = new EnumMap<>(SpecialTokens.Role.class);
        ids.put(SpecialTokens.Role.PAD, PAD);
        ids.put(SpecialTokens.Role.CLS, CLS);
        ids.put(SpecialTokens.Role.SEP, SEP);
        ids.put(SpecialTokens.Role.END_OF_TEXT, END_OF_TEXT);
        ids.put(SpecialTokens.Role.MASK, MASK);
        return SpecialTokens.of(ids);
    }
}
