package org.lmlab.eval.tasks.perplexity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.tasks.FixtureModels;
import org.lmlab.eval.tasks.TaskFiles;
import org.lmlab.eval.tasks.TestTokenizer;

/**
 * Perplexity on a tiny GPT and a tiny BERT equals what the float64 reference models give the same
 * documents (a decoder's rolling windows of its 32 positions after end-of-text; a masked model's
 * framed windows), the metrics pool items as declared (checked on hand-made items), and the
 * bundled WikiText-2 split reads as its articles.
 */
class PerplexityTaskTest {

    /** Two WikiText-style articles; the second is longer than the fixtures' 32 positions. */
    private static final String TEXT = " \n = Cats = \n \n Cats sleep a lot .\n"
            + " = Dogs = \n \n = = Food = = \n Dogs eat bones , and they like to run in the park .\n";

    @TempDir
    static Path directory;

    private static FixtureModels models;
    private static Path file;

    @BeforeAll
    static void setUp() throws IOException {
        models = new FixtureModels(directory);
        file = directory.resolve("text.txt");
        Files.writeString(file, TEXT);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static PerplexityTask task(Path path, int maxDocuments, long maxTokens) {
        return new PerplexityTask(new PerplexityConfig("perplexity", path.toString(), maxDocuments, maxTokens));
    }

    @Test
    void documentsStartAtTopLevelHeadings() {
        List<TextDocument> documents = task(file, 0, 0).documents();
        assertEquals(2, documents.size());
        assertEquals(new TextDocument("doc-0000", "Cats", " = Cats = \n \n Cats sleep a lot .\n"), documents.get(0));
        assertEquals("Dogs", documents.get(1).title());
        assertTrue(documents.get(1).text().contains(" = = Food = = \n"), "a section heading stays in its article");
        assertEquals(8, documents.get(0).words(), "'= Cats =' and 'Cats sleep a lot .': 3 + 5 whitespace words");
        assertEquals(33, documents.get(0).bytes());
        assertEquals(List.of(new TextDocument("doc-0000", "", "no headings\nat all\n")), TextDocuments.split("no headings\nat all\n"));
    }

    @Test
    void paragraphsAreTheTextLinesOfTheDocumentsWithoutHeadings() {
        List<TextDocument> paragraphs = TextDocuments.paragraphs(TextDocuments.split(
                " = Cats = \n \n Cats sleep a lot .\n = = Food = = \n Fish .\n\n = Dogs = \n Dogs bark .\n"));
        assertEquals(List.of(new TextDocument("doc-0000/p-0002", "Cats", " Cats sleep a lot .\n"),
                new TextDocument("doc-0000/p-0004", "Cats", " Fish .\n"),
                new TextDocument("doc-0001/p-0001", "Dogs", " Dogs bark .\n")), paragraphs);
        assertEquals(PerplexityConfig.PARAGRAPH, new PerplexityTask(new PerplexityConfig("perplexity", file.toString(), 0, 0,
                PerplexityConfig.PARAGRAPH)).documents().stream().map(d -> PerplexityConfig.PARAGRAPH).findFirst().orElseThrow());
    }

    @Test
    void aTinyGptsPerplexityIsExpOfTheReferenceNll() {
        TaskOutput out = task(file, 0, 0).evaluate(models.context(models.gpt, directory));
        TestTokenizer tokenizer = new TestTokenizer();
        double nll = 0;
        double tokens = 0;
        for (int d = 0; d < 2; d++) {
            TextDocument document = task(file, 0, 0).documents().get(d);
            int[] ids = FixtureModels.afterEndOfText(tokenizer.encode(document.text()));
            double expected = -rolling(ids, 32);
            ItemResult item = out.items().get(d);
            assertEquals(expected, item.value("nll"), 1e-4 * ids.length, document.id());
            assertEquals(ids.length - 1, item.value("tokens"), "every character is a token, all of them scored");
            assertEquals(document.words(), item.value("words"));
            assertEquals(document.bytes(), item.value("bytes"));
            nll += expected;
            tokens += ids.length - 1;
        }
        assertTrue(out.items().get(1).value("tokens") > 32, "the second document spans several windows");
        List<MetricSpec> metrics = task(file, 0, 0).metrics();
        assertEquals(List.of("perplexity", "word_perplexity", "bits_per_byte"), metrics.stream().map(MetricSpec::name).toList());
        assertEquals(Math.exp(nll / tokens), metrics.get(0).over(out.items()), 1e-6 * Math.exp(nll / tokens));
    }

    @Test
    void aTinyBertsPseudoPerplexityIsTheReferencePllOfFramedWindows() {
        PerplexityTask task = task(file, 0, 0);
        TaskOutput out = task.evaluate(models.context(models.bert, directory));
        TestTokenizer tokenizer = new TestTokenizer();
        for (int d = 0; d < 2; d++) {
            int[] plain = tokenizer.encode(task.documents().get(d).text());
            double pll = 0;
            for (int start = 0; start < plain.length; start += 30) {
                pll += models.bertPseudoLogLikelihood(FixtureModels.framed(Arrays.copyOfRange(plain, start, Math.min(plain.length, start + 30))));
            }
            assertEquals(-pll, out.items().get(d).value("nll"), 1e-4 * plain.length);
            assertEquals(plain.length, out.items().get(d).value("tokens"));
        }
        assertEquals(List.of("pseudo_perplexity", "pseudo_word_perplexity", "pseudo_bits_per_byte"),
                task.metrics().stream().map(MetricSpec::name).toList());
        assertTrue(out.notes().get(0).contains("not comparable with a causal model's perplexity"), out.notes().toString());
    }

    @Test
    void metricsPoolHandMadeItems() {
        List<ItemResult> items = List.of(
                item("a", 10.0, 4, 2, 8),
                item("b", 20.0, 6, 3, 12));
        List<MetricSpec> metrics = task(file, 0, 0).metrics();
        assertEquals(Math.exp(3.0), metrics.get(0).over(items), 1e-12, "exp(30 / 10)");
        assertEquals(Math.exp(6.0), metrics.get(1).over(items), 1e-9, "exp(30 / 5)");
        assertEquals(1.5 / Math.log(2), metrics.get(2).over(items), 1e-12, "30 / 20 / ln 2");
    }

    @Test
    void maxDocumentsAndMaxTokensCutTheText() {
        assertEquals(1, task(file, 1, 0).evaluate(models.context(models.gpt, directory)).items().size());
        TaskOutput capped = task(file, 0, 5).evaluate(models.context(models.gpt, directory));
        assertEquals(1, capped.items().size(), "documents are whole; the first already reaches 5 tokens");
    }

    @Test
    void anEmptyTextFileIsOneErrorNamingIt() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty.txt"), " \n\n");
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> task(empty, 0, 0));
        assertEquals(empty + ": empty text file (nothing to score)", error.getMessage());
    }

    @Test
    void theBundledWikitextSplitsReadAsTheirArticles() throws IOException {
        List<TextDocument> test = TextDocuments.read(TaskFiles.bundled(PerplexityConfig.BUNDLED));
        assertEquals(62, test.size());
        assertEquals("Robert <unk>", test.get(0).title());
        assertEquals(1_256_449 - 2, test.stream().mapToLong(TextDocument::bytes).sum(), "all but the first line, ' \\n'");
        assertEquals(60, TextDocuments.read(TaskFiles.bundled("data/wikitext-2/valid.txt.gz")).size());
    }

    /** The reference's rolling log-likelihood: windows of {@code window} ids overlapping by one, every id after the first scored once. */
    private static double rolling(int[] ids, int window) {
        double total = 0;
        for (int start = 0; start < ids.length - 1; start += window - 1) {
            total += models.gptLogLikelihood(Arrays.copyOfRange(ids, start, Math.min(ids.length, start + window)));
        }
        return total;
    }

    private static ItemResult item(String id, double nll, double tokens, double words, double bytes) {
        return new ItemResult(id, null, null, null, null, null, Map.of("nll", nll, "tokens", tokens, "words", words, "bytes", bytes), null);
    }
}
