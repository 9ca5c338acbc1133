package org.lmlab.eval.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word tokens ROUGE compares: the text lower-cased (root locale), then every maximal run of
 * Unicode letters and digits; punctuation and whitespace only separate tokens
 * ({@code "The cat's hat."} is {@code [the, cat, s, hat]}).
 */
public final class WordTokens {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private WordTokens() {
    }

    /** The tokens of a text, in order. */
    public static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
