package org.lmlab.eval.tasks.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.tasks.FixtureModels;
import org.lmlab.eval.tasks.Predictions;
import org.lmlab.eval.tasks.TestTokenizer;

/**
 * Multiple choice on a tiny GPT (log-likelihood of each choice after the context) and a tiny
 * BERT (pseudo-log-likelihood of context + choice minus the context's) equals the float64
 * reference models' scores, accuracy and length-normalised accuracy follow from them, and a
 * bad line is one error naming the file and line.
 */
class MultipleChoiceTaskTest {

    private static final String QUESTIONS = """
            {"id": "q1", "context": "The sky is", "choices": [" blue.", " a very green thing.", " red."], "gold": 0}
            {"context": "Two plus two is", "choices": [" four", " five"], "gold": 1}

            {"id": 7, "context": "", "choices": ["Yes.", "No, not at all."], "gold": 0}
            """;

    @TempDir
    static Path directory;

    private static FixtureModels models;
    private static Path file;

    @BeforeAll
    static void setUp() throws IOException {
        models = new FixtureModels(directory);
        file = Files.writeString(directory.resolve("questions.jsonl"), QUESTIONS);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static MultipleChoiceTask task(Path path) {
        return new MultipleChoiceTask(new MultipleChoiceConfig("multiple-choice", path.toString()));
    }

    @Test
    void aTinyGptScoresEachChoiceAfterTheContextAsTheReferenceDoes() {
        MultipleChoiceTask task = task(file);
        TaskOutput out = task.evaluate(models.context(models.gpt, directory));
        TestTokenizer tokenizer = new TestTokenizer();
        assertEquals(List.of("q1", "line-2", "7"), out.items().stream().map(ItemResult::id).toList());
        for (int q = 0; q < 3; q++) {
            ChoiceItem question = task.items().get(q);
            int[] context = FixtureModels.afterEndOfText(tokenizer.encode(question.context()));
            double[] expected = new double[question.choices().size()];
            for (int c = 0; c < expected.length; c++) {
                int[] choice = tokenizer.encode(question.choices().get(c));
                int[] joined = Arrays.copyOf(context, context.length + choice.length);
                System.arraycopy(choice, 0, joined, context.length, choice.length);
                double[] logProbabilities = models.gptReference.nextTokenLogProbabilities(joined);
                expected[c] = FixtureModels.sum(Arrays.copyOfRange(logProbabilities, context.length - 1, logProbabilities.length));
            }
            check(out.items().get(q), question, expected);
        }
    }

    @Test
    void aTinyBertScoresWhatEachChoiceAddsToThePseudoLogLikelihood() {
        MultipleChoiceTask task = task(file);
        TaskOutput out = task.evaluate(models.context(models.bert, directory));
        TestTokenizer tokenizer = new TestTokenizer();
        for (int q = 0; q < 3; q++) {
            ChoiceItem question = task.items().get(q);
            double base = question.context().isEmpty() ? 0
                    : models.bertPseudoLogLikelihood(FixtureModels.framed(tokenizer.encode(question.context())));
            double[] expected = new double[question.choices().size()];
            for (int c = 0; c < expected.length; c++) {
                String joined = question.context() + question.choices().get(c);
                expected[c] = models.bertPseudoLogLikelihood(FixtureModels.framed(tokenizer.encode(joined))) - base;
            }
            check(out.items().get(q), question, expected);
        }
    }

    private static void check(ItemResult item, ChoiceItem question, double[] expected) {
        double[] normalised = new double[expected.length];
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], item.scores().get(c), 1e-4, item.id() + " choice " + c);
            normalised[c] = expected[c] / question.choices().get(c).length();
        }
        int best = argmax(expected);
        assertEquals(best, item.prediction(), item.id());
        assertEquals(question.gold(), item.gold());
        assertEquals(best == question.gold() ? 1.0 : 0.0, item.value("correct"), item.id());
        assertEquals(argmax(normalised) == question.gold() ? 1.0 : 0.0, item.value("correct_norm"), item.id());
        assertEquals(argmax(normalised), item.value("prediction_norm"), item.id());
    }

    @Test
    void aTieIsWrongAndTheFirstBestIsThePrediction() {
        assertEquals(1, Predictions.argmax(List.of(-3.0, -1.0, -1.0)));
        assertTrue(!Predictions.strictlyBest(List.of(-3.0, -1.0, -1.0), 1));
        assertTrue(Predictions.strictlyBest(List.of(-3.0, -1.0, -2.0), 1));
        ItemResult item = MultipleChoiceTask.item(new ChoiceItem("t", "c", List.of("ab", "abcd"), 1), List.of(-4.0, -4.0));
        assertEquals(0.0, item.value("correct"), "a tie is wrong");
        assertEquals(0, item.prediction(), "the first of the tied");
        assertEquals(1.0, item.value("correct_norm"), "per byte -4/4 beats -4/2: the longer gold choice wins");
        assertEquals(1.0, item.value("prediction_norm"));
    }

    @Test
    void badLinesAreOneErrorNamingFileAndLine() throws IOException {
        Path bad = directory.resolve("bad.jsonl");
        Files.writeString(bad, "{\"context\": \"a\", \"choices\": [\"b\", \"c\"], \"gold\": 0}\n{\"context\": \"a\", \"choices\": [\"b\", \"c\"], \"gold\": 2}\n");
        assertEquals(bad + ":2: \"gold\" must be the index of a choice (0 to 1), got 2", error(bad));
        Files.writeString(bad, "{\"context\": \"a\", \"choices\": [\"b\"], \"gold\": 0}\n");
        assertEquals(bad + ":1: \"choices\" must be an array of at least 2 strings, got [\"b\"]", error(bad));
        Files.writeString(bad, "\n{\"choices\": [\"b\", \"c\"], \"gold\": 0}\n");
        assertEquals(bad + ":2: \"context\" must be a string (missing)", error(bad));
        Files.writeString(bad, "");
        assertEquals(bad + ": no questions (empty file)", error(bad));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new MultipleChoiceTask(MultipleChoiceConfig.defaults()));
        assertTrue(missing.getMessage().startsWith("path: required"), missing.getMessage());
    }

    private static String error(Path path) {
        return assertThrows(UncheckedIOException.class, () -> task(path)).getMessage();
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
