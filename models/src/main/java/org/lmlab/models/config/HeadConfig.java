package org.lmlab.models.config;

/**
 * What the model predicts: {@code type} names the head ({@code lm}: next-token logits,
 * {@code mlm}: BERT's masked-token logits, {@code classification}: one label per sequence,
 * {@code none}: the final hidden states themselves, as Hugging Face's {@code BertModel}),
 * {@code classes} is the number of labels (classification only), {@code tied} reuses the
 * token embedding as the output matrix (lm and mlm).
 */
public record HeadConfig(String type, int classes, boolean tied) {

    public HeadConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("head.type: required");
        }
        if (classes < 0) {
            throw new IllegalArgumentException("head.classes: must not be negative, got " + classes);
        }
    }

    /** Next-token prediction, output tied to the token embedding or not. */
    public static HeadConfig languageModel(boolean tied) {
        return new HeadConfig("lm", 0, tied);
    }

    /** BERT's masked-language-model head, decoder tied to the token embedding. */
    public static HeadConfig maskedLanguageModel() {
        return new HeadConfig("mlm", 0, true);
    }

    /** No head: the model outputs its final hidden states (an encoder for embeddings). */
    public static HeadConfig none() {
        return new HeadConfig("none", 0, false);
    }

    /** A sequence classifier with this many labels. */
    public static HeadConfig classification(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("head.classes: a classifier needs at least 2 classes, got " + classes);
        }
        return new HeadConfig("classification", classes, false);
    }
}
