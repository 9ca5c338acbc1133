package org.lmlab.finetune.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.training.data.Sha256;

/**
 * The bundled SMS Spam Collection read raw and split by the book's recipe: counts, class
 * balance and split sizes exact; the same seed writes the same split files byte for byte.
 */
class SmsSpamSplitTest {

    @TempDir
    Path temp;

    private static Map<String, Integer> counts(List<LabelledItem> items) {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(item -> counts.merge(item.label(), 1, Integer::sum));
        return counts;
    }

    @Test
    void theRawFileHasEveryMessageAndNoLineIsMergedOnQuotes() throws IOException {
        SmsSpamConfig config = SmsSpamConfig.bundled(123);
        List<LabelledItem> items = LabelledFiles.read(Path.of(config.path()), TextFormat.TSV, "text", "label");
        assertEquals(5574, items.size());
        assertEquals(Map.of("ham", 4827, "spam", 747), counts(items));
        LabelledItem quoted = items.get(282);
        assertEquals(283, quoted.id());
        assertEquals("ham", quoted.label());
        assertTrue(quoted.text().startsWith("\"Wen u miss someone") && quoted.text().endsWith("Keep-in-touch\" gdeve.."),
                quoted.text());
        assertEquals(284, items.get(283).id(), "the line after a quoted message is a message of its own");
    }

    @Test
    void undersamplingAndTheStratifiedSplitHaveTheBooksSizes() throws IOException {
        LabelledSplits splits = SmsSpamConfig.bundled(123).load();
        assertEquals(List.of("ham", "spam"), splits.labels().names());
        assertEquals(1045, splits.train().size());
        assertEquals(149, splits.validation().size());
        assertEquals(300, splits.test().size());
        assertEquals(Map.of("ham", 523, "spam", 522), counts(splits.train()));
        assertEquals(Map.of("ham", 74, "spam", 75), counts(splits.validation()));
        assertEquals(Map.of("ham", 150, "spam", 150), counts(splits.test()));
        Set<Integer> ids = new HashSet<>();
        for (String split : LabelledSplits.NAMES) {
            splits.get(split).forEach(item -> ids.add(item.id()));
        }
        assertEquals(1494, ids.size(), "747 ham + 747 spam, each message in exactly one split");
    }

    @Test
    void theSameSeedWritesTheSameSplitFilesByteForByte() throws IOException {
        SmsSpamConfig config = SmsSpamConfig.bundled(123);
        config.load().write(temp.resolve("a"));
        config.load().write(temp.resolve("b"));
        new SmsSpamConfig(SmsSpamConfig.NAME, config.path(), 124, true, 0.7, 0.1).load().write(temp.resolve("c"));
        for (String split : LabelledSplits.NAMES) {
            byte[] a = Files.readAllBytes(temp.resolve("a").resolve(split + ".tsv"));
            assertArrayEquals(a, Files.readAllBytes(temp.resolve("b").resolve(split + ".tsv")), split);
            assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(temp.resolve("c").resolve(split + ".tsv"))),
                    "another seed, another " + split + " split");
        }
        List<String> test = Files.readAllLines(temp.resolve("a").resolve("test.tsv"));
        assertEquals(301, test.size());
        assertEquals("id\tlabel\ttext", test.get(0));
        JsonNode record = new ObjectMapper().readTree(temp.resolve("a").resolve(LabelledSplits.RECORD).toFile());
        assertEquals(Sha256.of(temp.resolve("a").resolve("test.tsv")), record.get("files").get("test.tsv").get("sha256").asText());
        assertEquals(300, record.get("files").get("test.tsv").get("examples").asInt());
        assertEquals(1, record.get("labels").get("spam").asInt());
        assertEquals("7d039a24a6083ed9ef0f806ebad56bbb976e3aeb8de05669173bfdc4996c239d", record.get("source_sha256").asText());
    }
}
