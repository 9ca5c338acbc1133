package org.lmlab.tokenizers.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The fast merger (flat array for short pieces, heap for long ones) gives the same ids as the
 * textbook loop of OpenAI's encoder.py, on short and very long single pieces.
 */
class BpeMergerTest {

    private static final BpeModel GPT2 = Gpt2Vocabulary.tokenizer().model();
    private static final TextbookBpe TEXTBOOK = new TextbookBpe(GPT2);

    private static int[] fast(byte[] bytes) {
        int[] ids = new int[bytes.length];
        int n = GPT2.encodeBytes(bytes, bytes.length, ids);
        return Arrays.copyOf(ids, n);
    }

    @Property(tries = 300)
    void shortAndMediumLetterRunsMatchTheTextbookLoop(@ForAll @StringLength(min = 1, max = 200) @CharRange(from = 'a', to = 'h') String word) {
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(TEXTBOOK.encodePiece(bytes), fast(bytes), word);
    }

    @Property(tries = 200)
    void arbitraryBytesMatchTheTextbookLoop(@ForAll @StringLength(min = 1, max = 120) String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(TEXTBOOK.encodePiece(bytes), fast(bytes));
    }

    @Test
    void longWordsTakeTheHeapPathAndStillMatch() {
        Random random = new Random(7);
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            mixed.append((char) ('a' + random.nextInt(26)));
        }
        for (String word : new String[] {"a".repeat(3000), "ab".repeat(1500), mixed.toString(), "abc".repeat(1000)}) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(TEXTBOOK.encodePiece(bytes), fast(bytes), word.substring(0, 10) + "...");
        }
    }

    @Test
    void tenThousandAsBecomeTwoThousandFiveHundredTokensOfFour() {
        int[] ids = Gpt2Vocabulary.tokenizer().encode("a".repeat(10_000));
        assertEquals(2500, ids.length);
        assertEquals("aaaa", GPT2.token(ids[0]));
        assertEquals(1, Arrays.stream(ids).distinct().count());
    }
}
