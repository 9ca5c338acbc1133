package org.lmlab.tokenizers.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written scanner splits text exactly as GPT-2's pattern does. */
class Gpt2PreTokenizerTest {

    /** GPT-2's pattern; with UNICODE_CHARACTER_CLASS Java's \s is White_Space, as in tiktoken. */
    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Gpt2PreTokenizer.split(text, 0, text.length(), (start, end) -> pieces.add(text.substring(start, end)));
        return pieces;
    }

    private static List<String> regexPieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = GPT2.matcher(text);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return pieces;
    }

    @Test
    void wordsKeepTheirLeadingSpace() {
        assertEquals(List.of("Hello", " world", "!"), pieces("Hello world!"));
    }

    @Test
    void onlyLowerCaseContractionsSplitOff() {
        assertEquals(List.of("I", "'m", " can", "'t", " they", "'re", " we", "'ve", " it", "'ll", " he", "'d", " she", "'s"),
                pieces("I'm can't they're we've it'll he'd she's"));
        assertEquals(List.of("DON", "'", "T", " I", "'", "M"), pieces("DON'T I'M"));
    }

    @Test
    void whiteSpaceRunsLeaveTheirLastCharacterToTheNextWord() {
        assertEquals(List.of("a", "  ", " b"), pieces("a   b"));
        assertEquals(List.of("a", "   \n", "\n", "b"), pieces("a   \n\nb"));
        assertEquals(List.of("x", "  "), pieces("x  "));
        assertEquals(List.of("\t", "x"), pieces("\tx"));
    }

    @Test
    void numbersLettersAndSymbolsAreSeparateRuns() {
        assertEquals(List.of("123", "abc", " 45", "!!!", " ?!"), pieces("123abc 45!!! ?!"));
    }

    @Test
    void unicodeWhiteSpaceIsWhiteSpaceButByteOrderMarkIsNot() {
        assertEquals(List.of("\u00a0", "x"), pieces("\u00a0x"));
        assertEquals(List.of("a", "\u3000\u2003", " b"), pieces("a\u3000\u2003 b"));
        assertEquals(List.of("\ufeff", "x"), pieces("\ufeffx"));
    }

    @Test
    void lettersAddedAfterUnicode13AreLetters() {
        // U+0870 ARABIC LETTER ALEF WITH ATTACHED FATHA is Lo since Unicode 14; the JDK 17 says unassigned.
        assertEquals(List.of("a\u0870b"), pieces("a\u0870b"));
    }

    @Property(tries = 2000)
    void agreesWithTheRegexOnTextsOfStableCharacters(@ForAll("stableText") String text) {
        assertEquals(regexPieces(text), pieces(text));
    }

    /** Characters whose classes are the same in the JDK's Unicode 13 and in Unicode 15. */
    @Provide
    Arbitrary<String> stableText() {
        return Arbitraries.of(' ', ' ', 'a', 'Z', 's', 't', 'r', 'e', 'l', 'd', 'm', 'v', '\'', '1', '٣', '!', '.', '\n',
                        '\t', '\r', '\u00a0', '\u2003', '\u3000', 'é', 'ß', '中', '€', '_', '\u0301', '\u00b2')
                .list().ofMaxSize(40)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }
}
