package org.lmlab.tokenizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lmlab.tokenizers.bpe.BpeTrainer;
import org.lmlab.tokenizers.bpe.ByteLevelBpeTokenizer;
import org.lmlab.tokenizers.bpe.Gpt2Vocabulary;
import org.lmlab.tokenizers.simple.CharTokenizer;
import org.lmlab.tokenizers.text.Utf8;

/**
 * Byte-level tokenizers lose nothing: decode(encode(s)) == s for any string, and a string
 * with lone surrogates comes back with U+FFFD in their place, without an exception.
 */
class RoundTripProperties {

    private static final Tokenizer GPT2 = Gpt2Vocabulary.tokenizer();
    private static final Tokenizer TRAINED = new ByteLevelBpeTokenizer(
            new BpeTrainer(new BpeTrainer.Settings(400, List.of("<|endoftext|>")))
                    .train("the theme of these themes: then, there, they thought; 1234 1234 — ünïcödé ünïcödé"));

    @Property(tries = 500)
    void gpt2RoundTripsAnyString(@ForAll("anyCodePoints") String text) {
        String expected = Utf8.withoutLoneSurrogates(text);
        assertEquals(expected, GPT2.decode(GPT2.encode(text)));
        assertEquals(expected, GPT2.decode(GPT2.encodeAllowingSpecial(text)));
    }

    @Property(tries = 300)
    void gpt2RoundTripsArbitraryJavaStrings(@ForAll String text) {
        assertEquals(Utf8.withoutLoneSurrogates(text), GPT2.decode(GPT2.encode(text)));
    }

    @Property(tries = 300)
    void gpt2RoundTripsTextWithSpecialStrings(@ForAll("textWithSpecials") String text) {
        assertEquals(text, GPT2.decode(GPT2.encode(text)));
        assertEquals(text, GPT2.decode(GPT2.encodeAllowingSpecial(text)));
    }

    @Property(tries = 300)
    void trainedBpeRoundTripsAnyString(@ForAll("anyCodePoints") String text) {
        assertEquals(Utf8.withoutLoneSurrogates(text), TRAINED.decode(TRAINED.encode(text)));
    }

    @Property(tries = 200)
    void charTokenizerRoundTripsTextOfItsAlphabet(@ForAll("textWithSpecials") String text) {
        Tokenizer chars = CharTokenizer.fromText(text + "x");
        assertEquals(text, chars.decode(chars.encode(text)));
    }

    /** Strings of any code points, lone surrogates included, with ASCII and white space over-represented. */
    @Provide
    Arbitrary<String> anyCodePoints() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 0x7F)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x20, 0x0A, 0xA0, 0x3000, 0x2028, 0x85, 0xFEFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(60).map(RoundTripProperties::fromCodePoints);
    }

    @Provide
    Arbitrary<String> textWithSpecials() {
        return Arbitraries.of("<|endoftext|>", "<|", "|>", " ", "  ", "a", "word", "'s", "\n", "é", "🤖", "中", "123")
                .list().ofMaxSize(20).map(parts -> String.join("", parts));
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder out = new StringBuilder();
        for (int cp : codePoints) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                out.append((char) cp);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
