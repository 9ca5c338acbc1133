package org.lmlab.tokenizers.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lmlab.tokenizers.SpecialTokens.Role;

/** GPT-2 specifics: known ids, special tokens only when allowed, exact and lenient decoding. */
class Gpt2TokenizerTest {

    private final ByteLevelBpeTokenizer gpt2 = Gpt2Vocabulary.tokenizer();

    @Test
    void knownIds() {
        assertArrayEquals(new int[] {15496, 995}, gpt2.encode("Hello world"));
        assertArrayEquals(new int[] {464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13},
                gpt2.encode("The quick brown fox jumps over the lazy dog."));
        assertEquals("Ġthe", gpt2.token(262));
    }

    @Test
    void vocabularyAndSpecialTokens() {
        assertEquals(50257, gpt2.vocabSize());
        assertEquals(50000, gpt2.model().mergeCount());
        assertEquals("<|endoftext|>", gpt2.token(50256));
        assertEquals(50256, gpt2.specialTokens().require(Role.END_OF_TEXT));
        assertTrue(gpt2.specialTokens().id(Role.PAD).isEmpty());
    }

    @Test
    void endOfTextIsPlainTextUnlessAllowed() {
        assertArrayEquals(new int[] {27, 91, 437, 1659, 5239, 91, 29}, gpt2.encode("<|endoftext|>"));
        assertArrayEquals(new int[] {50256}, gpt2.encodeAllowingSpecial("<|endoftext|>"));
        assertArrayEquals(new int[] {15496, 50256, 10603}, gpt2.encodeAllowingSpecial("Hello<|endoftext|>World"));
        assertEquals("Hello<|endoftext|>World", gpt2.decode(new int[] {15496, 50256, 10603}));
    }

    @Test
    void referenceEncodingIsTiktokensOrdinaryOrAllSpecial() {
        assertArrayEquals(gpt2.encode("a<|endoftext|>"), gpt2.encodeAsReference("a<|endoftext|>", false));
        assertArrayEquals(gpt2.encodeAllowingSpecial("a<|endoftext|>"), gpt2.encodeAsReference("a<|endoftext|>", true));
    }

    @Test
    void partialDecodesAreLenientAndBytesExact() {
        String text = "🤖 robots 中文";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = gpt2.encode(text);
        for (int n = 0; n <= ids.length; n++) {
            int[] prefix = Arrays.copyOf(ids, n);
            byte[] bytes = gpt2.decodeBytes(prefix);
            assertArrayEquals(Arrays.copyOf(utf8, bytes.length), bytes, "prefix of " + n + " ids");
            String decoded = gpt2.decode(prefix);
            assertEquals(new String(bytes, StandardCharsets.UTF_8), decoded);
        }
        int[] firstOfEmoji = {gpt2.encode("🤖")[0]};
        assertEquals("\uFFFD", gpt2.decode(firstOfEmoji));
    }

    @Test
    void loneSurrogatesAreEncodedAsReplacementCharacters() {
        assertArrayEquals(gpt2.encode("a\uFFFDb"), gpt2.encode("a\uD800b"));
        assertArrayEquals(gpt2.encode("\uFFFD\uFFFD"), gpt2.encode("\uDC00\uD83D"));
        assertEquals("a\uFFFDb", gpt2.decode(gpt2.encode("a\uD800b")));
    }

    @Test
    void idsOutsideTheVocabularyAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpt2.decode(new int[] {50257}));
        assertEquals("token id 50257 is outside the vocabulary (0..50256)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gpt2.token(-1));
    }

    @Test
    void emptyTextHasNoIds() {
        assertEquals(0, gpt2.encode("").length);
        assertEquals("", gpt2.decode(new int[0]));
    }
}
