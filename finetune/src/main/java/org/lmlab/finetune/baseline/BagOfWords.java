package org.lmlab.finetune.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bag-of-words features of a text: lower-cased words (runs of letters and digits) and single
 * other non-space characters ({@code £}, {@code !}: spam's tell-tales) as tokens, then the
 * counts of unigrams ({@code w=free}) and of adjacent pairs ({@code b=free|entry}).
 */
public final class BagOfWords {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

    private BagOfWords() {
    }

    /** The tokens of a text, in order. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** Unigram and bigram counts, by feature name in name order. */
    public static Map<String, Integer> counts(String text) {
        List<String> tokens = tokens(text);
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            counts.merge("w=" + tokens.get(i), 1, Integer::sum);
            if (i + 1 < tokens.size()) {
                counts.merge("b=" + tokens.get(i) + "|" + tokens.get(i + 1), 1, Integer::sum);
            }
        }
        return counts;
    }
}
