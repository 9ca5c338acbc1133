package org.lmlab.experiments.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed file gives its own one-line message naming the file and the path of the mistake. */
class MalformedExperimentTest {

    @TempDir
    Path temp;

    private ExperimentFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ExperimentFixture(temp);
    }

    /** The valid base with one line replaced (or appended when {@code from} is empty). */
    private static String edit(String from, String to) {
        if (from.isEmpty()) {
            return ExperimentFixture.BASE + to;
        }
        if (!ExperimentFixture.BASE.contains(from)) {
            throw new IllegalStateException("the base has no " + from);
        }
        return ExperimentFixture.BASE.replace(from, to);
    }

    static Stream<Arguments> malformed() {
        String gpt = "  gpt: {preset: gpt-tiny, objective: causal-lm}";
        String corpus = "  data: {type: corpus, path: corpus.txt}";
        String train = "  train: {batch_size: 4, steps: 10, epochs: 0}";
        String tokenizer = "  train: {vocab_size: 300, data: corpus.txt, special_tokens: " + ExperimentFixture.SPECIALS + "}";
        return Stream.of(
                Arguments.of("unknown top-level key", edit("", "pretrian: {}\n"),
                        "bad.yaml: pretrian: unknown key; known: eval, finetune, format, models, name, plugins, pretrain, report,"
                                + " runs_root, seed, sweep, tokenizer"),
                Arguments.of("unknown key in a record", edit(train, "  train: {batch_size: 4, steps: 10, epochs: 0, warmup: 3}"),
                        "bad.yaml: pretrain.train.warmup: unknown key; known: "),
                Arguments.of("wrong type", edit(train, "  train: {batch_size: four, steps: 10, epochs: 0}"),
                        "bad.yaml: pretrain.train.batch_size: "),
                Arguments.of("non-dividing kv heads", edit(gpt,
                                "  gpt: {preset: gpt-tiny, model: {block: {attention: {type: grouped-query, kv_heads: 3}}}, objective: causal-lm}"),
                        "bad.yaml: models.gpt.model.block.attention.kv_heads: must divide heads (4), got 3"),
                Arguments.of("unknown attention", edit(gpt,
                                "  gpt: {preset: gpt-tiny, model: {block: {attention: {type: fast}}}, objective: causal-lm}"),
                        "bad.yaml: models.gpt.model.block.attention.type: unknown type 'fast'; known: grouped-query, multi-head,"
                                + " multi-query, sliding-window"),
                Arguments.of("unknown position scheme", edit(gpt,
                                "  gpt: {preset: gpt-tiny, model: {positions: {type: spiral}}, objective: causal-lm}"),
                        "bad.yaml: models.gpt.model.positions.type: unknown type 'spiral'; known: alibi, learned, rope, sinusoidal"),
                Arguments.of("unknown objective", edit(gpt, "  gpt: {preset: gpt-tiny, objective: causal}"),
                        "bad.yaml: models.gpt.objective.type: unknown type 'causal'; known: causal-lm, classification, instruction,"
                                + " masked-lm"),
                Arguments.of("unknown data source", edit(corpus, "  data: {type: corpora, path: corpus.txt}"),
                        "bad.yaml: pretrain.data.type: unknown type 'corpora'; known: corpus, instructions, labelled-text, sms-spam"),
                Arguments.of("unknown task", edit("", "eval: {tasks: [lines, perplexityy]}\n"),
                        "bad.yaml: eval.tasks[1].type: unknown type 'perplexityy'; known: blimp, classification, instructions, lines, multiple-choice, perplexity, sms-spam"),
                Arguments.of("unknown preset", edit(gpt, "  gpt: {preset: gpt-huge, objective: causal-lm}"),
                        "bad.yaml: models.gpt.preset: unknown model preset 'gpt-huge'; known: "),
                Arguments.of("missing data file", edit(corpus, "  data: {type: corpus, path: missing.txt}"),
                        "bad.yaml: pretrain.data.path: no such file {temp}/missing.txt"),
                Arguments.of("empty corpus", edit(corpus, "  data: {type: corpus, path: empty.txt}"),
                        "bad.yaml: pretrain.data.path: {temp}/empty.txt is empty"),
                Arguments.of("empty tokenizer corpus", edit(tokenizer, "  train: {vocab_size: 300, data: empty.txt}"),
                        "bad.yaml: tokenizer.train.data: {temp}/empty.txt is empty"),
                Arguments.of("negative steps", edit(train, "  train: {batch_size: 4, steps: -5, epochs: 0}"),
                        "bad.yaml: pretrain.train.steps: must not be negative, got -5"),
                Arguments.of("tokenizer name and train", edit(tokenizer, tokenizer + "\n  name: gpt2"),
                        "bad.yaml: tokenizer: give one of name and train, not both"),
                Arguments.of("tokenizer neither", edit(tokenizer, "  {}"),
                        "bad.yaml: tokenizer: give one of name: (a tokenizer) or train: (a BPE to learn)"),
                Arguments.of("bad model name", edit(gpt, "  GPT_1: {preset: gpt-tiny, objective: causal-lm}"),
                        "bad.yaml: models.GPT_1: the model name 'GPT_1' must be lower-case letters, digits and '-'"),
                Arguments.of("bad experiment name", edit("name: tiny", "name: Tiny Run"),
                        "bad.yaml: name: 'Tiny Run' must be lower-case letters, digits and '-'"),
                Arguments.of("masked objective on a decoder", edit(gpt, "  gpt: {preset: gpt-tiny, objective: masked-lm}"),
                        "bad.yaml: models.gpt.objective: objective masked-lm needs a bidirectional model with a token head"
                                + " (an encoder with an mlm head); model 'gpt-tiny' is causal"),
                Arguments.of("tokenizer without [MASK]", edit(tokenizer, "  train: {vocab_size: 300, data: corpus.txt, special_tokens: [\"[CLS]\", \"[SEP]\"]}"),
                        "bad.yaml: models.bert.objective: "),
                Arguments.of("missing plugin class", edit("", "plugins: [org.example.Missing]\n"),
                        "bad.yaml: plugins: org.example.Missing: no such class on the class path (add its jar with LMLAB_CLASSPATH)"),
                Arguments.of("a plugin that is not a module", edit("", "plugins: [java.lang.String]\n"),
                        "bad.yaml: plugins: java.lang.String: not a Guice module (it must implement com.google.inject.Module)"),
                Arguments.of("unknown fine-tuning policy", edit("", "finetune: {classify: {train: some}}\n"),
                        "bad.yaml: finetune.classify.train: unknown policy 'some'; known: head, last-block, last-N (the last N blocks), all, lora"),
                Arguments.of("corpus as labelled data", edit("", "finetune: {classify: {data: {type: corpus, path: corpus.txt}}}\n"),
                        "bad.yaml: finetune.classify.data.type: 'corpus' is not a labelled data source (for example sms-spam, labelled-text)"),
                Arguments.of("a task's bad value", edit("", "eval: {tasks: [{type: lines, limit: 0}]}\n"),
                        "bad.yaml: eval.tasks[0].limit: must be positive, got 0"),
                Arguments.of("no models", edit("models:\n  gpt: {preset: gpt-tiny, objective: causal-lm}\n  bert: {preset: bert-tiny, objective: masked-lm}\n",
                                "models: {}\n"),
                        "bad.yaml: models: required; one or more models by name ({gpt: {preset: gpt-tiny, objective: causal-lm}})"),
                Arguments.of("a seed that is not a number", edit("name: tiny", "name: tiny\nseed: abc"),
                        "bad.yaml: seed: must be an integer, got \"abc\""),
                Arguments.of("a sweep that is not a list", edit("", "sweep: {seed: 3}\n"),
                        "bad.yaml: sweep.seed: must be a non-empty list of values, got 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void eachMistakeHasItsOwnLine(String what, String yaml, String expectedLine) throws IOException {
        String expected = expectedLine.replace("{temp}", temp.toAbsolutePath().toString());
        List<String> errors = fixture.errors("bad.yaml", yaml);
        assertEquals(1, errors.size(), what + ": " + errors);
        String line = errors.get(0);
        if (expected.endsWith(": ")) {
            // The rest of such a line is a list of known names, an absolute path or Jackson's wording of a type mismatch.
            assertEquals(expected, line.substring(0, Math.min(line.length(), expected.length())), what + ": " + line);
        } else {
            assertEquals(expected, line, what);
        }
    }

    @Test
    void threeMistakesAreReportedTogether() throws IOException {
        String yaml = ExperimentFixture.BASE
                .replace("  gpt: {preset: gpt-tiny, objective: causal-lm}", "  gpt: {preset: gpt-tiny, objective: masked-lm}")
                .replace("steps: 10", "steps: -1")
                .replace("path: corpus.txt", "path: nowhere.txt");
        List<String> errors = fixture.errors("three.yaml", yaml);
        assertEquals(3, errors.size(), errors.toString());
        assertEquals("three.yaml: pretrain.data.path: no such file " + temp.resolve("nowhere.txt").toAbsolutePath(), errors.get(0));
        assertEquals("three.yaml: pretrain.train.steps: must not be negative, got -1", errors.get(1));
        assertEquals("three.yaml: models.gpt.objective: objective masked-lm needs a bidirectional model with a token head"
                + " (an encoder with an mlm head); model 'gpt-tiny' is causal", errors.get(2));
    }

    @Test
    void aContextLongerThanTheModelsIsNamedForEach() throws IOException {
        assertEquals(List.of("bad.yaml: pretrain.context: 512 is longer than model gpt's 128 positions",
                "bad.yaml: pretrain.context: 512 is longer than model bert's 128 positions"),
                fixture.errors("bad.yaml", edit("  context: 32", "  context: 512")));
    }

    @Test
    void aMissingExtendsAndACycleNameTheFile() throws IOException {
        Path child = fixture.write("child.yaml", "extends: nothing.yaml\nname: child\n");
        assertEquals(List.of("child.yaml: extends: no such file nothing.yaml (" + temp.resolve("nothing.yaml").toAbsolutePath() + ")"),
                assertThrows(ExperimentFileException.class, () -> fixture.resolve(child)).errors());
        fixture.write("a.yaml", "extends: b.yaml\nname: a\n");
        Path b = fixture.write("b.yaml", "extends: a.yaml\nname: b\n");
        assertEquals(List.of("a.yaml: extends: a cycle: b.yaml -> a.yaml -> b.yaml"),
                assertThrows(ExperimentFileException.class, () -> fixture.resolve(b)).errors());
    }

    @Test
    void aFileThatIsNotYamlNamesTheLine() throws IOException {
        Path file = fixture.write("broken.yaml", "name: tiny\nmodels: [\n");
        IOException error = assertThrows(IOException.class, () -> fixture.resolve(file));
        assertEquals(true, error.getMessage().startsWith(file.toAbsolutePath().toString() + ": "), error.getMessage());
    }
}
