package org.lmlab.eval.tasks;

import java.util.OptionalInt;
import org.lmlab.tokenizers.SpecialTokens.Role;
import org.lmlab.training.text.ModelText;

/**
 * The token ids a task scores a text as, the same for every task: a masked model reads the text
 * framed as it was trained ({@code [CLS] ... [SEP]}, via {@link ModelText}); a decoder reads the
 * text after its tokenizer's end-of-text token when it has one (GPT-2's 50256), so the text's
 * first token is predicted too (lm-evaluation-harness does the same), and from its first token
 * otherwise, which then is read but not scored.
 */
public final class ModelSentences {

    private final ModelText text;
    private final boolean causal;
    private final OptionalInt endOfText;

    public ModelSentences(ModelText text, boolean causal) {
        this.text = text;
        this.causal = causal;
        this.endOfText = causal ? text.tokenizer().specialTokens().id(Role.END_OF_TEXT) : OptionalInt.empty();
    }

    /** The ids of {@code sentence} as a whole sequence to score. */
    public int[] encode(String sentence) {
        return prepare(text.tokenizer().encode(sentence));
    }

    /** Plain ids (no framing) made into a whole sequence to score: framed, or after end-of-text. */
    public int[] prepare(int[] ids) {
        if (!causal) {
            return text.frame(ids);
        }
        if (endOfText.isEmpty()) {
            return ids;
        }
        int[] all = new int[ids.length + 1];
        all[0] = endOfText.getAsInt();
        System.arraycopy(ids, 0, all, 1, ids.length);
        return all;
    }

    /** The end-of-text id a decoder's texts start after, if its tokenizer has one. */
    public OptionalInt endOfText() {
        return endOfText;
    }

    /** How many ids {@link #prepare} adds around a text (2 for {@code [CLS] [SEP]}, 1 for end-of-text, 0 otherwise). */
    public int overhead() {
        return prepare(new int[0]).length;
    }

    /** The plain ids of a text, without framing. */
    public int[] plain(String sentence) {
        return text.tokenizer().encode(sentence);
    }
}
