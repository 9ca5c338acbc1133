package org.lmlab.eval.tasks.perplexity;

import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.tasks.TaskFiles;

/**
 * {@code perplexity}: how well a model predicts a text, document by document.
 *
 * @param path         a UTF-8 text file, gzipped if its name ends in {@code .gz}; WikiText-style
 *                     {@code " = Title = "} lines start documents; by default the bundled WikiText-2 test split
 * @param maxDocuments 0 for all; else only the first this many documents (quick runs)
 * @param maxTokens    0 for all; else documents are taken whole, in order, until their scored tokens reach this
 */
public record PerplexityConfig(String type, String path, int maxDocuments, long maxTokens) implements TaskConfig {

    /** The registered name. */
    public static final String NAME = "perplexity";

    /** The bundled WikiText-2 test split under the lmlab root. */
    public static final String BUNDLED = "data/wikitext-2/test.txt.gz";

    public PerplexityConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type: required");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path: required (a text file)");
        }
        if (maxDocuments < 0) {
            throw new IllegalArgumentException("max_documents: must be 0 (all) or positive, got " + maxDocuments);
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("max_tokens: must be 0 (all) or positive, got " + maxTokens);
        }
    }

    /** The whole bundled WikiText-2 test split. */
    public static PerplexityConfig defaults() {
        return new PerplexityConfig(NAME, TaskFiles.bundled(BUNDLED).toString(), 0, 0);
    }
}
