package org.lmlab.tokenizers.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary vocabulary form holds exactly the model it was written from, and refuses a damaged file. */
class BpeBinaryTest {

    @Test
    void theBundledBinaryVocabularyIsExactlyGpt2s() throws IOException {
        BpeModel text;
        try (InputStream encoder = getClass().getResourceAsStream("/org/lmlab/tokenizers/gpt2/encoder.json");
             InputStream merges = getClass().getResourceAsStream("/org/lmlab/tokenizers/gpt2/vocab.bpe")) {
            text = BpeFiles.read(encoder, "encoder.json", merges, "vocab.bpe");
        }
        BpeModel binary;
        try (InputStream in = getClass().getResourceAsStream("/org/lmlab/tokenizers/gpt2/gpt2.bpebin")) {
            assertNotNull(in, "the build writes gpt2.bpebin");
            binary = BpeBinary.read(in, "gpt2.bpebin");
        }
        assertSame(text, binary);
        assertEquals(50257, binary.size());
        assertEquals(50000, binary.mergeCount());
    }

    @Test
    void aWrittenModelReadsBackTokenForTokenAndMergeForMerge() throws IOException {
        BpeModel model = new BpeTrainer(new BpeTrainer.Settings(400, List.of("<|endoftext|>", "[MASK]")))
                .train("the cat sat on the mat; the dog — naïve café — ate the cat's hat. ".repeat(20));
        BpeModel back = BpeBinary.read(new ByteArrayInputStream(bytes(model)), "model.bin");
        assertSame(model, back);
        ByteLevelBpeTokenizer a = new ByteLevelBpeTokenizer(model);
        ByteLevelBpeTokenizer b = new ByteLevelBpeTokenizer(back);
        assertArrayEquals(a.encode("the naïve dog ate the hat"), b.encode("the naïve dog ate the hat"));
    }

    @Test
    void aDamagedFileIsRefusedNamingIt() throws IOException {
        BpeModel model = new BpeTrainer(new BpeTrainer.Settings(300, List.of())).train("abc abd abe ".repeat(10));
        byte[] good = bytes(model);
        IOException truncated = assertThrows(IOException.class,
                () -> BpeBinary.read(new ByteArrayInputStream(Arrays.copyOf(good, good.length - 7)), "cut.bin"));
        assertTrue(truncated.getMessage().startsWith("cut.bin: "), truncated.getMessage());
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 'X';
        IOException magic = assertThrows(IOException.class, () -> BpeBinary.read(new ByteArrayInputStream(wrongMagic), "x.bin"));
        assertEquals("x.bin: not an lmlab binary BPE file", magic.getMessage());
    }

    @Test
    void aFileWhoseMergesOrSpecialFlagsDoNotHoldIsRefused() throws IOException {
        BpeModel model = new BpeTrainer(new BpeTrainer.Settings(300, List.of("<|endoftext|>"))).train("abc abd abe ".repeat(10));
        byte[] good = bytes(model);
        int size = model.size();
        int merges = model.mergeCount();
        int header = "lmlab-bpe-3\n".length() + 3 * Integer.BYTES;
        // The first merge's result id (third int of the merges) made to name the left id instead.
        int firstMerge = header + size * Integer.BYTES;
        byte[] badMerge = good.clone();
        java.nio.ByteBuffer.wrap(badMerge).putInt(firstMerge + 8, model.merge(0)[0]);
        IOException merge = assertThrows(IOException.class, () -> BpeBinary.read(new ByteArrayInputStream(badMerge), "m.bin"));
        assertTrue(merge.getMessage().startsWith("m.bin: merge 1 joins "), merge.getMessage());
        // The one special id (<|endoftext|>) moved to the last merge's result (which no merge uses).
        byte[] badSpecial = good.clone();
        java.nio.ByteBuffer.wrap(badSpecial).putInt(firstMerge + 3 * merges * Integer.BYTES, model.merge(merges - 1)[2]);
        IOException special = assertThrows(IOException.class, () -> BpeBinary.read(new ByteArrayInputStream(badSpecial), "s.bin"));
        assertTrue(special.getMessage().matches("s\\.bin: token \\d+ \".*\" is (marked special but is a byte or a merge result"
                + "|neither a byte nor a merge result)"), special.getMessage());
    }

    private static byte[] bytes(BpeModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BpeBinary.write(model, out);
        return out.toByteArray();
    }

    private static void assertSame(BpeModel expected, BpeModel actual) {
        assertEquals(expected.size(), actual.size());
        for (int id = 0; id < expected.size(); id++) {
            assertEquals(expected.token(id), actual.token(id), "token " + id);
            assertArrayEquals(expected.bytes(id), actual.bytes(id), "bytes of token " + id);
        }
        assertEquals(expected.mergeCount(), actual.mergeCount());
        for (int rank = 0; rank < expected.mergeCount(); rank++) {
            assertArrayEquals(expected.merge(rank), actual.merge(rank), "merge " + rank);
        }
        assertEquals(expected.specials(), actual.specials());
    }
}
