package org.lmlab.tokenizers.simple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.lmlab.tokenizers.DataFiles;
import org.lmlab.tokenizers.SpecialTokens.Role;

/** The book's chapter-2 tokenizers give the book's numbers; the character tokenizer gives nanoGPT's. */
class SimpleTokenizersTest {

    @Test
    void regexWordTokenizerOnTheVerdictHasTheBooksVocabularyAndIds() throws IOException {
        RegexWordTokenizer tokenizer = RegexWordTokenizer.fromText(Files.readString(DataFiles.path("the-verdict.txt")));
        assertEquals(1132, tokenizer.vocabSize());
        assertEquals(1130, tokenizer.specialTokens().require(Role.END_OF_TEXT));
        assertEquals(1131, tokenizer.specialTokens().require(Role.UNKNOWN));
        String text = "Hello, do you like tea? <|endoftext|> In the sunlit terraces of the palace.";
        int[] ids = tokenizer.encodeAllowingSpecial(text);
        assertArrayEquals(new int[] {1131, 5, 355, 1126, 628, 975, 10, 1130, 55, 988, 956, 984, 722, 988, 1131, 7}, ids);
        assertEquals("<|unk|>, do you like tea? <|endoftext|> In the sunlit terraces of the <|unk|>.", tokenizer.decode(ids));
    }

    @Test
    void regexWordTokenizerReadsSpecialStringsAsUnknownWordsUnlessAllowed() {
        RegexWordTokenizer tokenizer = RegexWordTokenizer.fromText("a b, c");
        assertEquals(6, tokenizer.vocabSize());
        assertEquals(java.util.List.of(",", "a", "b", "c", "<|endoftext|>", "<|unk|>"),
                java.util.stream.IntStream.range(0, 6).mapToObj(tokenizer::token).toList());
        assertArrayEquals(new int[] {1, 5, 2}, tokenizer.encode("a <|endoftext|> b"));
        assertArrayEquals(new int[] {1, 4, 2}, tokenizer.encodeAllowingSpecial("a <|endoftext|> b"));
        assertArrayEquals(new int[] {2, 5, 1, 3, 0}, tokenizer.encode("b--a c,"));
    }

    @Test
    void charTokenizerOnTinyShakespeareHasNanoGptsIds() throws IOException {
        CharTokenizer tokenizer = CharTokenizer.fromText(Files.readString(DataFiles.path("tinyshakespeare.txt")));
        assertEquals(65 + 2, tokenizer.vocabSize());
        assertArrayEquals(new int[] {46, 47, 47, 1, 58, 46, 43, 56, 43}, tokenizer.encode("hii there"));
        assertEquals("hii there", tokenizer.decode(tokenizer.encode("hii there")));
        assertArrayEquals(new int[] {39, 66, 65}, tokenizer.encodeAllowingSpecial("a€<|endoftext|>"));
        assertEquals("\n", tokenizer.token(0));
    }
}
