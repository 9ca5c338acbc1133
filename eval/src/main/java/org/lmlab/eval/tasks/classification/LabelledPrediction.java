package org.lmlab.eval.tasks.classification;

/**
 * One line of a classification run's predictions file: the test item's id (its line in the
 * source), text, gold label, predicted label and the predicted label's probability.
 */
public record LabelledPrediction(int id, String text, String gold, String predicted, double probability) {
}
