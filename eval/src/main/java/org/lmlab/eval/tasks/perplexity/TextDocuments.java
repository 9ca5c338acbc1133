package org.lmlab.eval.tasks.perplexity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lmlab.eval.tasks.TaskFiles;

/**
 * Splits a text into documents at WikiText's top-level headings: a line {@code " = Title = "}
 * (one {@code =} on each side; {@code " = = Section = = "} lines stay inside their article).
 * Each document runs from its heading to the line before the next; blank lines before the first
 * heading belong to nothing, other text before it is a document of its own. A text without
 * headings is one document. The WikiText-2 test split has 62 such documents, the validation split 60.
 */
public final class TextDocuments {

    private static final Pattern HEADING = Pattern.compile("^ = ([^=].*[^=]|[^=]) = $");
    private static final Pattern ANY_HEADING = Pattern.compile("^ (= )+.*( =)+ $");

    private TextDocuments() {
    }

    /** The documents of a file ({@link TaskFiles#readText}); an empty or blank file is an error naming it. */
    public static List<TextDocument> read(Path file) throws IOException {
        String text = TaskFiles.readText(file);
        if (text.isBlank()) {
            throw new IOException(file + ": empty text file (nothing to score)");
        }
        return split(text);
    }

    /** The documents of a text. */
    public static List<TextDocument> split(String text) {
        List<TextDocument> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String title = "";
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            int next = end < 0 ? text.length() : end + 1;
            String line = text.substring(at, end < 0 ? text.length() : end);
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                add(documents, title, current);
                current.setLength(0);
                title = heading.group(1).strip();
            }
            current.append(text, at, next);
            at = next;
        }
        add(documents, title, current);
        return documents;
    }

    /**
     * The paragraphs of documents: each non-blank line that is not a heading ({@code " = ... = "}
     * at any level), in order, with ids {@code doc-0003/p-0012} (the line's index in its document).
     */
    public static List<TextDocument> paragraphs(List<TextDocument> documents) {
        List<TextDocument> paragraphs = new ArrayList<>();
        for (TextDocument document : documents) {
            String[] lines = document.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (!line.isBlank() && !ANY_HEADING.matcher(line).matches()) {
                    paragraphs.add(new TextDocument(String.format(Locale.ROOT, "%s/p-%04d", document.id(), i), document.title(),
                            line + "\n"));
                }
            }
        }
        return paragraphs;
    }

    private static void add(List<TextDocument> documents, String title, StringBuilder text) {
        if (!text.toString().isBlank()) {
            documents.add(new TextDocument(String.format(Locale.ROOT, "doc-%04d", documents.size()), title, text.toString()));
        }
    }
}
