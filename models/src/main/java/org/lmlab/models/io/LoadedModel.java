package org.lmlab.models.io;

import org.lmlab.models.LanguageModel;
import org.lmlab.models.weights.LoadReport;

/** A model built and loaded from a directory, with how its tensors matched the model's parameters. */
public record LoadedModel(LanguageModel model, LoadReport report) {
}
