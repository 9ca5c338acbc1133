package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.training.data.CorpusSourceConfig;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.run.AvailableMemory;
import org.lmlab.training.run.MemoryEstimate;
import org.lmlab.training.run.RunOptions;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;

/**
 * The memory estimate's arithmetic on hand-computed numbers, the reading of
 * {@code /proc/meminfo}, and a run refused before it writes anything when the (injected)
 * available memory is smaller than the estimate.
 */
class MemoryEstimateTest {

    @TempDir
    Path temp;

    @Test
    void gptTinyAtBatch8Context128AddsUpByHand() {
        // gpt-tiny: 2 layers of width 128, 4 heads, GPT-2's 50,257 logits; 6,846,080 parameters, all trained.
        MemoryEstimate estimate = MemoryEstimate.of(Presets.get("gpt-tiny"), 6_846_080, 6_846_080, 8, 128);
        assertEquals(27_384_320L, estimate.weights());
        assertEquals(27_384_320L, estimate.gradients());
        assertEquals(54_768_640L, estimate.optimizer());
        // 4 bytes x 1,024 tokens x (2 x (56 x 128 + 5 x 4 x 128) + 2 x 50,257) = 4 x 1,024 x 119,970.
        assertEquals(491_397_120L, estimate.activations());
        assertEquals(82_152_960L, estimate.checkpoint(), "4 x (P + 2P)");
        assertEquals(471_859_200L, estimate.runtime(), "450 MB");
        assertEquals(1_154_946_560L, estimate.total());
        assertEquals("estimated 1.2 GB for training gpt-tiny at batch 8 x context 128 (weights 0.03 GB, gradients 0.03 GB,"
                + " optimizer 0.05 GB, activations 0.49 GB, checkpoint copy 0.08 GB, runtime 0.47 GB)", estimate.summary());
    }

    @Test
    void frozenParametersHaveNoGradientsOrMomentsAndAClassifierNoVocabularyLogits() {
        ModelConfig classifier = Presets.get("gpt-tiny").withHead(HeadConfig.classification(2));
        MemoryEstimate estimate = MemoryEstimate.of(classifier, 1_000_000, 1_000, 2, 10);
        assertEquals(4_000_000L, estimate.weights());
        assertEquals(4_000L, estimate.gradients());
        assertEquals(8_000L, estimate.optimizer());
        // 4 x 20 tokens x (2 x (56 x 128 + 5 x 4 x 10) + 2 x 2).
        assertEquals(4L * 20 * (2 * (56 * 128 + 5 * 4 * 10) + 2 * 2), estimate.activations());
        assertEquals(4L * (1_000_000 + 2_000), estimate.checkpoint());
    }

    @Test
    void aRunThatFitsIsNotRefusedAndUnknownMemoryChecksNothing() {
        MemoryEstimate estimate = MemoryEstimate.of(Presets.get("gpt-tiny"), 6_846_080, 6_846_080, 8, 128);
        estimate.requireFits(OptionalLong.of(1_154_946_560L));
        estimate.requireFits(OptionalLong.empty());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> estimate.requireFits(OptionalLong.of(1_154_946_559L)));
        assertEquals(estimate.summary() + "; 1.2 GB available: lower --batch or --context", tooBig.getMessage());
    }

    @Test
    void memAvailableIsReadInBytes() {
        assertEquals(OptionalLong.of(24_185_808L * 1024), AvailableMemory.parse(List.of("MemTotal:       24569640 kB",
                "MemFree:        22000000 kB", "MemAvailable:   24185808 kB")));
        assertEquals(OptionalLong.empty(), AvailableMemory.parse(List.of("MemTotal:       24569640 kB")));
        assertEquals(OptionalLong.empty(), AvailableMemory.parse(List.of("MemAvailable:   lots kB")));
    }

    @Test
    void aRunThatDoesNotFitIsRefusedBeforeAnythingIsWritten_andOneThatFitsPrintsItsEstimate() throws IOException {
        Path corpus = temp.resolve("the-verdict.txt");
        Files.writeString(corpus, TinyModels.verdict());
        Path model = TinyModels.savedMicroGpt(temp.resolve("micro-gpt"), 1, 0f, 3);
        TrainJob job = TrainJob.standard().withCache(new TokenCache(temp.resolve("cache")));
        TrainConfig train = new TrainConfig(2, 1, 2, 0, 1.0, 0, 1, 0, 1, 1, 11, AdamWConfig.BOOK, ScheduleConfig.constant(1e-3));
        TrainJobConfig config = new TrainJobConfig(model.toString(), job.resolveModel(model.toString()), List.of(), "gpt2",
                CorpusSourceConfig.of(corpus.toString(), 0.1, 0), null, 16, Objectives.standard().defaults("causal-lm"), train);
        // micro-gpt: 50,257 x 16 tied embeddings + 16 x 16 positions + one block (2 x 32 norms, 16 x 48 + 48 QKV,
        // 16 x 16 + 16 projection, 16 x 64 + 64 and 64 x 16 + 16 feed-forward) + the final norm's 32.
        long parameters = 50_257L * 16 + 16 * 16 + (32 + 816 + 272 + 32 + 1_088 + 1_040) + 32;
        MemoryEstimate expected = MemoryEstimate.of(config.model(), parameters, parameters, 2, 16);
        // 4 x (1 + 1 + 2 + 3) x P + 4 x 32 tokens x (56 x 16 + 5 x 2 x 16 + 2 x 50,257) + 450 MB.
        assertEquals(28L * parameters + 4L * 32 * (56 * 16 + 5 * 2 * 16 + 2 * 50_257) + (450L << 20), expected.total());

        Path run = temp.resolve("run");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> job.withAvailableMemory(AvailableMemory.of(expected.total() - 1)).start(config, run, List.of(),
                        RunOptions.defaults().withoutSignals()));
        assertEquals(expected.summary() + "; " + String.format(java.util.Locale.ROOT, "%.2f GB", (expected.total() - 1) / 1e9)
                + " available: lower --batch or --context", refused.getMessage());
        assertFalse(Files.exists(run), "nothing is written");

        List<String> heard = new ArrayList<>();
        TrainerListener listener = new TrainerListener() {
            @Override
            public void onMemoryEstimate(String summary) {
                heard.add(summary);
            }
        };
        job.withAvailableMemory(AvailableMemory.of(expected.total())).start(config, run, List.of(listener),
                RunOptions.defaults().withoutSignals());
        assertEquals(List.of(expected.summary()), heard);
    }
}
