package org.lmlab.tokenizers.simple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.text.IntList;
import org.lmlab.tokenizers.text.KnownSpecialTokens;
import org.lmlab.tokenizers.text.SpecialTokenSplitter;
import org.lmlab.tokenizers.text.TokenIds;

/**
 * The book's chapter-2 word tokenizer: split on white space and on the punctuation
 * {@code , . : ; ? _ ! " ( ) '} and {@code --} (kept as tokens), with a vocabulary of the
 * sorted distinct words of a text followed by {@code <|endoftext|>} and {@code <|unk|>}.
 * Words outside the vocabulary become {@code <|unk|>}. Built on The Verdict it has the
 * book's 1,132 entries and ids.
 */
public final class RegexWordTokenizer implements Tokenizer {

    /** The end-of-text token. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** The unknown-word token. */
    public static final String UNKNOWN = "<|unk|>";

    private static final Pattern SPLIT = Pattern.compile("[,.:;?_!\"()']|--|\\s", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([,.?!\"()'])", Pattern.UNICODE_CHARACTER_CLASS);

    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final int unknownId;
    private final SpecialTokenSplitter specialSplitter;
    private final SpecialTokens specialTokens;

    private RegexWordTokenizer(List<String> vocabulary) {
        this.tokens = vocabulary.toArray(new String[0]);
        this.ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            ids.put(tokens[id], id);
        }
        this.unknownId = ids.get(UNKNOWN);
        Map<String, Integer> specials = new LinkedHashMap<>();
        specials.put(END_OF_TEXT, ids.get(END_OF_TEXT));
        specials.put(UNKNOWN, unknownId);
        this.specialSplitter = new SpecialTokenSplitter(specials);
        this.specialTokens = KnownSpecialTokens.rolesOf(specials);
    }

    /** A tokenizer whose vocabulary is the distinct words of {@code text}, sorted, plus the two special tokens. */
    public static RegexWordTokenizer fromText(String text) {
        TreeSet<String> words = new TreeSet<>(split(text));
        words.remove(END_OF_TEXT);
        words.remove(UNKNOWN);
        List<String> vocabulary = new ArrayList<>(words);
        vocabulary.add(END_OF_TEXT);
        vocabulary.add(UNKNOWN);
        return new RegexWordTokenizer(vocabulary);
    }

    /** The words of a text: pieces between splits and the punctuation splits, stripped, empty ones dropped. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = SPLIT.matcher(text);
        int last = 0;
        while (matcher.find()) {
            addStripped(words, text.substring(last, matcher.start()));
            addStripped(words, matcher.group());
            last = matcher.end();
        }
        addStripped(words, text.substring(last));
        return words;
    }

    private static void addStripped(List<String> words, String piece) {
        String stripped = piece.strip();
        if (!stripped.isEmpty()) {
            words.add(stripped);
        }
    }

    @Override
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 4 + 4);
        encodeWords(text, out);
        return out.toArray();
    }

    @Override
    public int[] encodeAllowingSpecial(String text) {
        IntList out = new IntList(text.length() / 4 + 4);
        specialSplitter.split(text, new SpecialTokenSplitter.Sink() {
            @Override
            public void text(int start, int end) {
                encodeWords(text.substring(start, end), out);
            }

            @Override
            public void special(int id) {
                out.add(id);
            }
        });
        return out.toArray();
    }

    /** Words in the text that spell a special token are ordinary (unknown) words here. */
    private void encodeWords(String text, IntList out) {
        for (String word : split(text)) {
            Integer id = ids.get(word);
            out.add(id == null || word.equals(END_OF_TEXT) || word.equals(UNKNOWN) ? unknownId : id);
        }
    }

    /** The words joined by spaces, without the space before punctuation. */
    @Override
    public String decode(int[] ids) {
        StringBuilder joined = new StringBuilder();
        for (int id : ids) {
            if (joined.length() > 0) {
                joined.append(' ');
            }
            joined.append(token(id));
        }
        return SPACE_BEFORE_PUNCTUATION.matcher(joined).replaceAll("$1");
    }

    @Override
    public String token(int id) {
        return tokens[TokenIds.checked(id, tokens.length)];
    }

    @Override
    public int vocabSize() {
        return tokens.length;
    }

    @Override
    public SpecialTokens specialTokens() {
        return specialTokens;
    }
}
