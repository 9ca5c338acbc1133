package org.lmlab.eval.tasks.perplexity;

import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.tasks.TaskFiles;

/**
 * {@code perplexity}: how well a model predicts a text, document by document.
 *
 * @param path         a UTF-8 text file, gzipped if its name ends in {@code .gz}; WikiText-style
 *                     {@code " = Title = "} lines start documents; by default the bundled WikiText-2 test split
 * @param maxDocuments 0 for all; else only the first this many documents (quick runs)
 * @param maxTokens    0 for all; else items are taken whole, in order, until their scored tokens reach this
 * @param unit         what one item is: {@code document} (an article, read with its whole context) or
 *                     {@code paragraph} (each text line of an article on its own: more items, so tighter
 *                     intervals for a small token budget, at the cost of cross-paragraph context)
 */
public record PerplexityConfig(String type, String path, int maxDocuments, long maxTokens, String unit) implements TaskConfig {

    /** Items are whole documents. */
    public static final String DOCUMENT = "document";

    /** Items are the text lines (paragraphs) of the documents. */
    public static final String PARAGRAPH = "paragraph";

    /** The config of earlier files, with documents as items. */
    public PerplexityConfig(String type, String path, int maxDocuments, long maxTokens) {
        this(type, path, maxDocuments, maxTokens, DOCUMENT);
    }

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
        if (!DOCUMENT.equals(unit) && !PARAGRAPH.equals(unit)) {
            throw new IllegalArgumentException("unit: must be document or paragraph, got " + unit);
        }
    }

    /** The whole bundled WikiText-2 test split. */
    public static PerplexityConfig defaults() {
        return new PerplexityConfig(NAME, TaskFiles.bundled(BUNDLED).toString(), 0, 0, DOCUMENT);
    }
}
