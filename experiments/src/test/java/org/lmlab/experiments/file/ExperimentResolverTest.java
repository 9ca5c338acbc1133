package org.lmlab.experiments.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.finetune.classify.SmsSpamConfig;
import org.lmlab.training.data.CorpusSourceConfig;
import org.lmlab.training.objective.MaskedLmConfig;

/** A valid file resolves to the records with every default filled, and its resolved tree is a fixed point with a stable hash. */
class ExperimentResolverTest {

    @TempDir
    Path temp;

    private ExperimentFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ExperimentFixture(temp);
    }

    @Test
    void presetsObjectivesDataAndTrainingDefaultsAreFilledIn() throws IOException {
        Experiment experiment = fixture.resolve(fixture.write("tiny.yaml", ExperimentFixture.BASE + """
                finetune:
                  classify: {train: all, epochs: 2}
                eval:
                  tasks: [lines, {type: lines, limit: 3}]
                """));
        assertEquals("tiny", experiment.name());
        assertEquals(1234, experiment.seed());
        assertEquals(Path.of("runs"), experiment.runsRoot());
        assertEquals(List.of(), experiment.plugins());
        TokenizerPlan.TrainSpec spec = experiment.tokenizer().train().orElseThrow();
        assertEquals(300, spec.vocabSize());
        assertEquals(temp.resolve("corpus.txt").toAbsolutePath(), spec.data());
        assertEquals(List.of("gpt", "bert"), List.copyOf(experiment.models().keySet()));

        ModelPlan gpt = experiment.models().get("gpt");
        assertEquals("gpt-tiny", gpt.source());
        assertEquals(300, gpt.model().vocabSize(), "the vocabulary is sized to the tokenizer");
        assertEquals(128, gpt.model().width());
        assertEquals("decoder", gpt.model().stack());
        assertEquals("causal-lm", gpt.objective().orElseThrow().type());
        ModelPlan bert = experiment.models().get("bert");
        assertEquals("encoder", bert.model().stack());
        assertEquals(MaskedLmConfig.standard(), bert.objective().orElseThrow());

        PretrainPlan pretrain = experiment.pretrain().orElseThrow();
        assertEquals(new CorpusSourceConfig("corpus", temp.resolve("corpus.txt").toString(), 0.1, 0), pretrain.data());
        assertEquals(32, pretrain.context());
        assertEquals(4, pretrain.train().batchSize());
        assertEquals(10, pretrain.train().steps());
        assertEquals(1234, pretrain.train().seed(), "training is seeded by the experiment's seed");
        assertEquals(4e-4, pretrain.train().schedule().peakLr(), "the book's rate when the file gives none");
        assertEquals(10, pretrain.train().logEvery());

        ClassifyPlan classify = experiment.classify().orElseThrow();
        assertEquals("all", classify.policy());
        assertEquals(2, classify.epochs());
        assertEquals(8, classify.batch());
        assertEquals(5e-5, classify.lr());
        assertTrue(classify.baseline());
        SmsSpamConfig sms = (SmsSpamConfig) classify.data();
        assertEquals(Path.of(System.getProperty("lmlab.root"), SmsSpamConfig.BUNDLED).toAbsolutePath().normalize().toString(), sms.path());
        assertEquals(123, sms.seed());

        assertEquals(List.of(new LinesTask.Config("lines", "", 10), new LinesTask.Config("lines", "", 3)),
                experiment.eval().orElseThrow().tasks());
        assertEquals(1000, experiment.eval().orElseThrow().resamples());
        assertEquals("tiny", experiment.report().title());
        assertEquals(64, experiment.hash().length());
        assertEquals(experiment.hash().substring(0, 8), experiment.shortHash());
    }

    @Test
    void absentSectionsAreExplicitlyNullInTheResolvedTree() throws IOException {
        Experiment experiment = fixture.resolve(fixture.write("tiny.yaml", ExperimentFixture.BASE));
        JsonNode resolved = experiment.resolved();
        for (String section : List.of("finetune", "eval", "sweep")) {
            assertTrue(resolved.get(section).isNull(), section);
        }
        assertFalse(experiment.classify().isPresent());
        assertEquals(1, resolved.get("format").asInt());
        assertFalse(resolved.at("/pretrain/train").has("seed"), "the one seed is the top-level one");
        assertEquals("learned", resolved.at("/models/gpt/model/positions/type").asText(), "the preset is expanded");
    }

    @Test
    void theResolvedTreeWrittenAsYamlResolvesToTheSameExperimentAndHash() throws IOException {
        Experiment first = fixture.resolve(fixture.write("tiny.yaml", ExperimentFixture.BASE + """
                finetune:
                  classify: {train: last-2}
                eval:
                  tasks: [lines]
                sweep:
                  seed: [1, 2]
                """));
        Path again = fixture.write("again.yaml", ExperimentFiles.yaml(first.resolved()));
        Experiment second = fixture.resolve(again);
        assertEquals(first, second);
        assertEquals(first.hash(), second.hash());
        assertEquals(ExperimentHash.hashOf(first.resolved()), first.hash());
    }

    @Test
    void theHashIgnoresKeyOrderAndFollowsEveryValue() throws IOException {
        String reordered = """
                pretrain:
                  train: {epochs: 0, steps: 10, batch_size: 4}
                  context: 32
                  data: {path: corpus.txt, type: corpus}
                models:
                  gpt: {objective: causal-lm, preset: gpt-tiny}
                  bert: {objective: masked-lm, preset: bert-tiny}
                tokenizer:
                  train: {special_tokens: %s, data: corpus.txt, vocab_size: 300}
                name: tiny
                """.formatted(ExperimentFixture.SPECIALS);
        Experiment base = fixture.resolve(fixture.write("tiny.yaml", ExperimentFixture.BASE));
        assertEquals(base.hash(), fixture.resolve(fixture.write("reordered.yaml", reordered)).hash());
        Experiment edited = fixture.resolve(fixture.write("tiny.yaml", ExperimentFixture.BASE), "pretrain.train.steps=11");
        assertNotEquals(base.hash(), edited.hash());
        assertEquals(11, edited.pretrain().orElseThrow().train().steps());
    }

    @Test
    void extendsMergesDeeplyTheExtendingFileWinsAndSetAppliesLast() throws IOException {
        fixture.write("base.yaml", ExperimentFixture.BASE);
        Path child = fixture.write("child.yaml", """
                extends: base.yaml
                name: child
                models:
                  gpt: {model: {block: {attention: {heads: 8}}}}
                pretrain:
                  train: {steps: 30}
                """);
        Experiment experiment = fixture.resolve(child, "pretrain.train.batch_size=2", "seed=7");
        assertEquals("child", experiment.name());
        assertEquals(7, experiment.seed());
        assertEquals(8, experiment.models().get("gpt").model().block().attention().heads());
        assertEquals("causal-lm", experiment.models().get("gpt").objective().orElseThrow().type(), "kept from the base");
        assertEquals(30, experiment.pretrain().orElseThrow().train().steps());
        assertEquals(2, experiment.pretrain().orElseThrow().train().batchSize());
        assertEquals(0, experiment.pretrain().orElseThrow().train().epochs(), "kept from the base");
        assertEquals(7, experiment.pretrain().orElseThrow().train().seed());
        assertFalse(ExperimentFiles.load(child).has("extends"));
    }

    @Test
    void aPluginNamedInTheFileIsReadBeforeTheInjector() throws IOException {
        Path file = fixture.write("p.yaml", "plugins: [org.example.lmlab.ExamplePlugin]\n" + ExperimentFixture.BASE);
        assertEquals(List.of("org.example.lmlab.ExamplePlugin"), ExperimentFiles.plugins(ExperimentFiles.load(file), file));
    }
}
