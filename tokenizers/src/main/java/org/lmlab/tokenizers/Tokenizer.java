package org.lmlab.tokenizers;

/**
 * Turns text into token ids and back. This is the seam every model, objective and command
 * uses; implementations are registered by name (see {@code TokenizersModule}) so an
 * experiment file picks one with a string.
 *
 * <p>{@link #encode(String)} adds nothing: no {@code [CLS]}, no end-of-text. Framing a
 * sequence for a model is the caller's job (objectives and datasets know which tokens their
 * model expects).
 */
public interface Tokenizer {

    /** Ids of plain text. Special-token strings in the text (such as {@code <|endoftext|>}) are ordinary text here. */
    int[] encode(String text);

    /** Ids of text in which this tokenizer's special-token strings become their own ids. */
    int[] encodeAllowingSpecial(String text);

    /**
     * Ids of one text exactly as this tokenizer's reference implementation gives them by
     * default, framing included, for tools that must reproduce that reference (the
     * {@code lmlab tokenize} command). The default is {@link #encodeAllowingSpecial} when
     * {@code allowSpecial} is true and {@link #encode} otherwise, which is tiktoken's
     * {@code encode(text, allowed_special="all")} and {@code encode_ordinary(text)} for GPT-2.
     * Tokenizers whose reference frames its output (BERT's {@code [CLS] ... [SEP]}) override it.
     */
    default int[] encodeAsReference(String text, boolean allowSpecial) {
        return allowSpecial ? encodeAllowingSpecial(text) : encode(text);
    }

    /**
     * Text of the ids. Byte-level tokenizers restore the exact bytes; a byte sequence that is
     * not valid UTF-8 (a partial decode) becomes U+FFFD, never an exception.
     */
    String decode(int[] ids);

    /** The text form of one token as the vocabulary stores it (e.g. {@code "Ġthe"}, {@code "##s"}). */
    String token(int id);

    /** Number of ids: every id this tokenizer produces is below it. */
    int vocabSize();

    /** Which ids play which special role (end of text, padding, mask, ...). */
    SpecialTokens specialTokens();
}
