package org.lmlab.tokenizers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The golden tokenizer fixtures of {@code src/test/resources/fixtures} (see the README there):
 * 2,885 documents with their source names and the reference ids of tiktoken and Hugging Face.
 */
public final class Fixtures {

    /** One fixture document. */
    public record Document(int index, String source, String text) {
        /** A short description for failure messages. */
        public String describe() {
            return "document " + index + " (" + source + ")";
        }
    }

    private static List<Document> documents;

    private Fixtures() {
    }

    /** All documents, in file order. */
    public static synchronized List<Document> documents() {
        if (documents == null) {
            List<String> encoded = lines("corpus.b64.gz");
            List<String> sources = lines("sources.tsv.gz");
            if (!sources.get(0).startsWith("id\tsrc")) {
                throw new IllegalStateException("sources.tsv.gz: unexpected header " + sources.get(0));
            }
            List<Document> loaded = new ArrayList<>(encoded.size());
            for (int i = 0; i < encoded.size(); i++) {
                String text = new String(Base64.getDecoder().decode(encoded.get(i)), StandardCharsets.UTF_8);
                loaded.add(new Document(i, sources.get(i + 1).split("\t")[1], text));
            }
            documents = List.copyOf(loaded);
        }
        return documents;
    }

    /** The expected ids of each document in one ids file ({@code gpt2.expected.ids.gz}...). */
    public static List<int[]> ids(String file) {
        List<String> lines = lines(file);
        List<int[]> ids = new ArrayList<>(lines.size());
        for (String line : lines) {
            ids.add(line.isEmpty() ? new int[0] : Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray());
        }
        return ids;
    }

    /** The lines of a gzipped fixture file (a final empty line is not a line). */
    public static List<String> lines(String file) {
        String name = "/fixtures/" + file;
        try (InputStream raw = Fixtures.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
