package org.lmlab.finetune.classify;

import java.util.Map;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;

/** A tokenizer for collate tests: letter {@code a} is id 10, {@code b} 11, ...; the special tokens are the given ones. */
final class ToyTokenizer implements Tokenizer {

    private final SpecialTokens specials;

    ToyTokenizer(Map<SpecialTokens.Role, Integer> specials) {
        this.specials = SpecialTokens.of(specials);
    }

    @Override
    public int[] encode(String text) {
        return text.chars().filter(Character::isLetter).map(c -> 10 + (Character.toLowerCase(c) - 'a')).toArray();
    }

    @Override
    public int[] encodeAllowingSpecial(String text) {
        return encode(text);
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            text.append((char) ('a' + id - 10));
        }
        return text.toString();
    }

    @Override
    public String token(int id) {
        return decode(new int[] {id});
    }

    @Override
    public int vocabSize() {
        return 36;
    }

    @Override
    public SpecialTokens specialTokens() {
        return specials;
    }
}
