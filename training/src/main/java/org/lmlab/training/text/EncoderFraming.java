package org.lmlab.training.text;

import java.util.Optional;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.SpecialTokens.Role;

/**
 * How an encoder sees one text: {@code [CLS] tokens [SEP]}, with the ids of the vocabulary's
 * special tokens. The masked-LM objective frames its training windows this way and
 * {@link ModelText} frames the text it encodes for an encoder, so training and scoring agree.
 */
public record EncoderFraming(int cls, int sep) {

    /** Tokens the framing adds around a text. */
    public static final int ADDED_TOKENS = 2;

    /** The framing of a vocabulary that has both [CLS] and [SEP]; empty otherwise. */
    public static Optional<EncoderFraming> of(SpecialTokens specials) {
        return specials.id(Role.CLS).isPresent() && specials.id(Role.SEP).isPresent()
                ? Optional.of(new EncoderFraming(specials.id(Role.CLS).getAsInt(), specials.id(Role.SEP).getAsInt()))
                : Optional.empty();
    }

    /**
     * The framing of a vocabulary that must have it, or an error saying that {@code user}
     * needs the missing token (e.g. "masked-lm needs a tokenizer with a cls token; this one has [END_OF_TEXT]").
     */
    public static EncoderFraming require(SpecialTokens specials, String user) {
        return new EncoderFraming(requireRole(specials, Role.CLS, user), requireRole(specials, Role.SEP, user));
    }

    /** The id of {@code role}, or an error saying that {@code user} needs it. */
    static int requireRole(SpecialTokens specials, Role role, String user) {
        return specials.id(role).orElseThrow(() -> new IllegalArgumentException(user + " needs a tokenizer with a "
                + role.name().toLowerCase(java.util.Locale.ROOT) + " token; this one has " + specials.asMap().keySet()));
    }

    /** {@code [CLS] tokens [SEP]}. */
    public int[] frame(int[] tokens) {
        int[] framed = new int[tokens.length + ADDED_TOKENS];
        framed[0] = cls;
        System.arraycopy(tokens, 0, framed, 1, tokens.length);
        framed[framed.length - 1] = sep;
        return framed;
    }
}
