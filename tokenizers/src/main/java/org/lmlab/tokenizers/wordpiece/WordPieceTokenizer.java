package org.lmlab.tokenizers.wordpiece;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.text.IntList;
import org.lmlab.tokenizers.text.KnownSpecialTokens;
import org.lmlab.tokenizers.text.SpecialTokenSplitter;
import org.lmlab.tokenizers.text.TokenIds;

/**
 * BERT's uncased WordPiece tokenizer, id for id as Hugging Face's {@code BertTokenizer} with
 * bert-base-uncased: BERT normalisation (clean, CJK spacing, accent stripping, lower case),
 * white-space and punctuation splitting, greedy longest-match-first WordPiece with {@code ##}
 * continuations and {@code [UNK]} for words over 100 code points. {@link #encode} adds no
 * framing; {@link #encodeFramed} and {@link #encodePair} add {@code [CLS]}/{@code [SEP]} and
 * token type ids, recognising the special strings ({@code [CLS]}, {@code [MASK]}...) in the
 * text as Hugging Face does. Thread-safe.
 */
public final class WordPieceTokenizer implements Tokenizer {

    /** Words longer than this many code points become {@code [UNK]}. */
    public static final int MAX_WORD_CHARS = 100;

    private static final List<String> SPECIAL_STRINGS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private final String[] tokens;
    private final WordPieceModel model;
    private final SpecialTokens specialTokens;
    private final SpecialTokenSplitter specialSplitter;
    private final int cls;
    private final int sep;

    private WordPieceTokenizer(List<String> tokensById) {
        this.tokens = tokensById.toArray(new String[0]);
        Map<String, Integer> vocab = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            if (vocab.put(tokens[id], id) != null) {
                throw new IllegalArgumentException("token \"" + tokens[id] + "\" appears twice in the vocabulary");
            }
        }
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (String special : SPECIAL_STRINGS) {
            Integer id = vocab.get(special);
            if (id != null) {
                specials.put(special, id);
            }
        }
        for (String required : List.of("[UNK]", "[CLS]", "[SEP]")) {
            if (!specials.containsKey(required)) {
                throw new IllegalArgumentException("a BERT vocabulary needs " + required + ", and this one has none");
            }
        }
        this.model = new WordPieceModel(vocab, specials.get("[UNK]"), MAX_WORD_CHARS);
        this.specialTokens = KnownSpecialTokens.rolesOf(specials);
        this.specialSplitter = new SpecialTokenSplitter(specials);
        this.cls = specials.get("[CLS]");
        this.sep = specials.get("[SEP]");
    }

    /** An uncased (lower-casing, accent-stripping) BERT tokenizer over a {@code vocab.txt} vocabulary in id order. */
    public static WordPieceTokenizer uncased(List<String> tokensById) {
        return new WordPieceTokenizer(tokensById);
    }

    @Override
    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 4 + 4);
        encodeText(text, out);
        return out.toArray();
    }

    @Override
    public int[] encodeAllowingSpecial(String text) {
        IntList out = new IntList(text.length() / 4 + 4);
        encodeWithSpecials(text, out);
        return out.toArray();
    }

    /** {@code [CLS] text [SEP]}, special strings in the text recognised, as Hugging Face's {@code encode(text)}. */
    public BertEncoding encodeFramed(String text) {
        IntList ids = new IntList(text.length() / 4 + 4);
        ids.add(cls);
        encodeWithSpecials(text, ids);
        ids.add(sep);
        return new BertEncoding(ids.toArray(), new int[ids.size()]);
    }

    /** {@code [CLS] a [SEP] b [SEP]} with type ids 0 up to the first {@code [SEP]} and 1 after it. */
    public BertEncoding encodePair(String a, String b) {
        IntList ids = new IntList((a.length() + b.length()) / 4 + 4);
        ids.add(cls);
        encodeWithSpecials(a, ids);
        ids.add(sep);
        int firstLength = ids.size();
        encodeWithSpecials(b, ids);
        ids.add(sep);
        int[] typeIds = new int[ids.size()];
        Arrays.fill(typeIds, firstLength, typeIds.length, 1);
        return new BertEncoding(ids.toArray(), typeIds);
    }

    /** Hugging Face's ids for one text: the framed encoding; special strings are always recognised there. */
    @Override
    public int[] encodeAsReference(String text, boolean allowSpecial) {
        return encodeFramed(text).ids();
    }

    private void encodeWithSpecials(String text, IntList out) {
        specialSplitter.split(text, new SpecialTokenSplitter.Sink() {
            @Override
            public void text(int start, int end) {
                encodeText(text.substring(start, end), out);
            }

            @Override
            public void special(int id) {
                out.add(id);
            }
        });
    }

    private void encodeText(String text, IntList out) {
        String normalized = BertNormalizer.normalize(text);
        BertPreTokenizer.split(normalized, (start, end) -> model.encodeWord(normalized, start, end, out));
    }

    /**
     * The text of some ids as Hugging Face's WordPiece decoder writes it: tokens joined by
     * spaces, {@code ##} continuations glued to the previous token, and the usual clean-up of
     * spaces before punctuation and in contractions. Lower-casing and accent stripping are
     * not undone.
     */
    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            String token = token(id);
            if (token.startsWith(WordPieceModel.CONTINUATION) && out.length() > 0) {
                out.append(token, WordPieceModel.CONTINUATION.length(), token.length());
            } else {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(token);
            }
        }
        return cleanUp(out.toString());
    }

    private static String cleanUp(String text) {
        return text.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
                .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s")
                .replace(" 've", "'ve").replace(" 're", "'re");
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
