package org.lmlab.finetune.baseline;

/** The baseline's label for a text and the probability it gives that label. */
public record BaselinePrediction(String label, double probability) {
}
