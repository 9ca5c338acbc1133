package org.lmlab.eval.tasks.blimp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.tasks.FixtureModels;
import org.lmlab.eval.tasks.TaskFiles;
import org.lmlab.eval.tasks.TestTokenizer;
import org.lmlab.models.score.ScoringConfig;

/**
 * BLiMP on a tiny GPT and a tiny BERT agrees, pair by pair, with an independent float64
 * scoring of the same sentences (the reference models), on a BLiMP-format directory the test
 * writes: one plain and one gzipped paradigm, a tie (identical sentences) counted wrong.
 */
class BlimpTaskTest {

    /** Good, bad sentence pairs: paradigm one (anaphor agreement) and two (s-selection, i.e. argument structure). */
    private static final String[][] ONE = {
        {"Girls hurt themselves.", "Girls hurt herself."},
        {"The boy saw himself.", "The boy saw herself."},
        {"Same sentence here.", "Same sentence here."},
        {"Who did Tom see?", "Who did Tom see Mary?"},
        {"She liked herself a lot.", "She liked himself a lot."}};
    private static final String[][] TWO = {
        {"The cat was eaten.", "The idea was eaten."},
        {"A dog was seen by Ann.", "A rock was seen by Ann."},
        {"Tim hugged Ann.", "Tim hugged honesty."}};

    @TempDir
    static Path directory;

    private static FixtureModels models;
    private static Path blimp;

    @BeforeAll
    static void setUp() throws IOException {
        models = new FixtureModels(directory);
        blimp = Files.createDirectories(directory.resolve("blimp/data"));
        Files.writeString(blimp.resolve("anaphor_one.jsonl"), lines("anaphor_one", "anaphor_agreement", ONE));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(blimp.resolve("selection_two.jsonl.gz")))) {
            out.write(lines("selection_two", "s-selection", TWO).getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static String lines(String uid, String term, String[][] pairs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs.length; i++) {
            text.append(String.format("{\"sentence_good\": \"%s\", \"sentence_bad\": \"%s\", \"field\": \"syntax\", "
                    + "\"linguistics_term\": \"%s\", \"UID\": \"%s\", \"pairID\": \"%d\"}%n", pairs[i][0], pairs[i][1], term, uid, i));
        }
        return text.toString();
    }

    private static BlimpTask task(int perParadigm, long seed) {
        return new BlimpTask(new BlimpConfig("blimp", directory.resolve("blimp").toString(), perParadigm, seed, List.of()));
    }

    @Test
    void aTinyGptDecidesEveryPairAsTheFloat64ReferenceDoes() throws IOException {
        TaskOutput out = task(0, 1).evaluate(models.context(models.gpt, directory, ScoringConfig.DEFAULT.withBatchSize(3)));
        TestTokenizer tokenizer = new TestTokenizer();
        checkAgainst(out, sentence -> models.gptLogLikelihood(FixtureModels.afterEndOfText(tokenizer.encode(sentence))));
        assertTrue(out.notes().get(0).startsWith("scores: summed log-probability"), out.notes().toString());
    }

    @Test
    void aTinyBertDecidesEveryPairAsTheFloat64ReferenceDoes() throws IOException {
        TaskOutput out = task(0, 1).evaluate(models.context(models.bert, directory));
        TestTokenizer tokenizer = new TestTokenizer();
        checkAgainst(out, sentence -> models.bertPseudoLogLikelihood(FixtureModels.framed(tokenizer.encode(sentence))));
        assertTrue(out.notes().get(0).startsWith("scores: pseudo-log-likelihood"), out.notes().toString());
    }

    private static void checkAgainst(TaskOutput out, java.util.function.ToDoubleFunction<String> reference) {
        List<String[]> pairs = new ArrayList<>(List.of(ONE));
        pairs.addAll(List.of(TWO));
        assertEquals(8, out.items().size());
        int right = 0;
        for (int i = 0; i < pairs.size(); i++) {
            ItemResult item = out.items().get(i);
            double good = reference.applyAsDouble(pairs.get(i)[0]);
            double bad = reference.applyAsDouble(pairs.get(i)[1]);
            assertEquals(good, item.scores().get(0), 1e-4, item.id());
            assertEquals(bad, item.scores().get(1), 1e-4, item.id());
            if (!pairs.get(i)[0].equals(pairs.get(i)[1])) {
                assertTrue(Math.abs(good - bad) > 1e-3, item.id() + ": the reference decides the pair clearly");
            }
            assertEquals(good > bad, item.correct(), item.id() + ": " + good + " vs " + bad);
            right += item.correct() ? 1 : 0;
            assertEquals(item.correct() ? 1.0 : 0.0, item.value("correct"));
            assertEquals(0, item.gold());
        }
        ItemResult tie = out.items().get(2);
        assertEquals("anaphor_one/2", tie.id());
        assertEquals(tie.scores().get(0), tie.scores().get(1), "identical sentences score identically");
        assertFalse(tie.correct(), "a tie is wrong");
        assertTrue(right > 0 && right < 8, "random weights decide some pairs each way: " + right);
        assertEquals(Map.of("paradigm", "anaphor_one", "category", "anaphor_agreement"), out.items().get(0).groups());
        assertEquals(Map.of("paradigm", "selection_two", "category", "argument_structure"), out.items().get(5).groups());
        assertTrue(out.notes().contains("1 pair(s) scored a tie (identical scores, e.g. identical sentences) and count as wrong"),
                out.notes().toString());
    }

    @Test
    void theSeededSampleIsTheSameForTheSameSeedAndDiffersForAnother() {
        List<String> first = ids(task(2, 7).pairs());
        assertEquals(first, ids(task(2, 7).pairs()));
        assertEquals(4, first.size());
        assertEquals(2, first.stream().filter(id -> id.startsWith("anaphor_one/")).count());
        List<String> sorted = new ArrayList<>(first);
        sorted.sort(null);
        assertEquals(sorted, first, "a sample keeps file order");
        boolean differs = false;
        for (long seed = 8; seed < 40 && !differs; seed++) {
            differs = !ids(task(2, seed).pairs()).equals(first);
        }
        assertTrue(differs, "another seed draws other pairs");
        assertEquals(List.of(5, 3), List.of(task(0, 7).pairs().size() - 3, task(9, 7).pairs().size() - 5),
                "0 keeps every pair, a sample larger than a paradigm keeps it whole");
    }

    @Test
    void theSampleOfTheBundledDataDependsOnlyOnTheSeed() throws IOException {
        List<BlimpPair> pairs = BlimpData.readFile(TaskFiles.bundled("data/blimp/data/adjunct_island.jsonl.gz"));
        List<BlimpPair> sample = BlimpSample.of(pairs, 3, 1234);
        assertEquals(3, sample.size());
        assertEquals(ids(sample), ids(BlimpSample.of(pairs, 3, 1234)));
        assertNotEquals(ids(sample), ids(BlimpSample.of(pairs, 3, 1235)));
    }

    @Test
    void aBrokenLineIsOneErrorNamingTheFileAndLine() throws IOException {
        Path broken = Files.createDirectories(directory.resolve("broken"));
        Files.writeString(broken.resolve("x.jsonl"), lines("x", "binding", ONE).replaceFirst("(?s)(.*?\\n.*?\\n)\\{\"sentence_good\": \"Same sentence here.\", \"sentence_bad\"", "$1{\"sentence_good\": \"Same sentence here.\", \"sentence_worse\""));
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> new BlimpTask(new BlimpConfig("blimp", broken.toString(), 0, 1, List.of())));
        assertEquals(broken.resolve("x.jsonl") + ":3: no \"sentence_bad\" field", error.getMessage());
        Files.writeString(broken.resolve("x.jsonl"), "{\"sentence_good\": \"a\", \"sentence_bad\": \"b\", \"UID\": \"x\", \"linguistics_term\": \"phonology\"}\n");
        error = assertThrows(UncheckedIOException.class, () -> new BlimpTask(new BlimpConfig("blimp", broken.toString(), 0, 1, List.of())));
        assertTrue(error.getMessage().startsWith(broken.resolve("x.jsonl") + ":1: linguistics_term 'phonology' is none of"), error.getMessage());
        Files.writeString(broken.resolve("x.jsonl"), "{\"sentence_good\": \"a\",\n");
        error = assertThrows(UncheckedIOException.class, () -> new BlimpTask(new BlimpConfig("blimp", broken.toString(), 0, 1, List.of())));
        assertTrue(error.getMessage().startsWith(broken.resolve("x.jsonl") + ":1: not valid JSON"), error.getMessage());
    }

    @Test
    void everyBundledParadigmMapsToOneOfThePapersTwelveCategories() throws IOException {
        List<BlimpPair> pairs = BlimpData.read(TaskFiles.bundled("data/blimp"));
        assertEquals(67_000, pairs.size());
        TreeSet<String> paradigms = new TreeSet<>();
        TreeSet<String> categories = new TreeSet<>();
        for (BlimpPair pair : pairs) {
            paradigms.add(pair.paradigm());
            categories.add(pair.category());
        }
        assertEquals(67, paradigms.size());
        assertEquals(new TreeSet<>(BlimpCategories.ALL), categories);
        assertEquals(9000, pairs.stream().filter(pair -> pair.category().equals("argument_structure")).count(),
                "7 argument-structure paradigms and the 2 s-selection ones");
        assertEquals(7, pairs.stream().filter(pair -> pair.category().equals("binding")).count() / 1000,
                "binding, whichever way its field is written");
    }

    @Test
    void theBundledReferenceRowsAreThePublishedOnes() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> references = BlimpReferences.read(TaskFiles.bundled("data/blimp")).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Double> overall = (Map<String, Double>) references.get("overall");
        assertEquals(0.6124029851, overall.get("5-gram"));
        assertEquals(0.698119403, overall.get("lstm"));
        assertEquals(0.6962537313, overall.get("transformer-xl"));
        assertEquals(0.830238806, overall.get("gpt2-large"));
        assertEquals(0.886, overall.get("human"), 0.001, "the paper's 88.6");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> paradigm = (Map<String, Map<String, Double>>) references.get("paradigm");
        assertEquals(67, paradigm.size());
        assertEquals(0.94, paradigm.get("adjunct_island").get("human"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> category = (Map<String, Map<String, Double>>) references.get("category");
        assertEquals(new TreeSet<>(BlimpCategories.ALL), new TreeSet<>(category.keySet()));
        assertEquals(0.994 / 2 + 0.992 / 2, category.get("anaphor_agreement").get("gpt2-large"), 0.0006);
    }

    private static List<String> ids(List<BlimpPair> pairs) {
        return pairs.stream().map(BlimpPair::id).toList();
    }
}
