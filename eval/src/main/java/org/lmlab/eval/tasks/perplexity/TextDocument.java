package org.lmlab.eval.tasks.perplexity;

import java.nio.charset.StandardCharsets;

/**
 * One document of a perplexity text: its id ({@code doc-0003}, its index in the file), its title
 * (the heading, or empty) and its text exactly as in the file, heading line included.
 */
public record TextDocument(String id, String title, String text) {

    /** Whitespace-separated words of the text (WikiText's own tokens). */
    public long words() {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /** The text's UTF-8 byte count. */
    public long bytes() {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
