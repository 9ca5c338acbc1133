package org.lmlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmlab.experiments.file.Experiment;
import org.lmlab.experiments.file.ExperimentFileException;
import org.lmlab.experiments.file.ExperimentResolver;
import org.lmlab.experiments.file.Sweeps;
import org.lmlab.layers.config.ConfigOverrides.Assignment;

/** Every bundled experiment file resolves with the built-in components and expands its sweep. */
class BundledExperimentsTest {

    private static final Path CONFIGS = Path.of(System.getProperty("lmlab.root"), "experiments", "configs");
    private static final com.google.inject.Injector INJECTOR = Injection.create(List.of());

    static Stream<String> files() throws IOException {
        try (Stream<Path> list = Files.list(CONFIGS)) {
            return list.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @TempDir
    static Path temp;

    @ParameterizedTest
    @MethodSource("files")
    void resolves(String name) throws IOException {
        List<Assignment> sets = List.of();
        if (name.equals("from-pretrained.yaml")) {
            // A user's Hugging Face GPT-2 directory: its config.json is what resolving reads.
            Path gpt2 = Files.createDirectories(temp.resolve("gpt2"));
            Files.writeString(gpt2.resolve("config.json"), """
                    {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 50257, "n_positions": 1024,
                     "n_embd": 768, "n_layer": 12, "n_head": 12, "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new",
                     "resid_pdrop": 0.1, "embd_pdrop": 0.1, "attn_pdrop": 0.1, "initializer_range": 0.02}
                    """);
            // Resolving reads the config and checks the weights file is there (an empty safetensors: an 8-byte length and "{}").
            Files.write(gpt2.resolve("model.safetensors"), new byte[] {2, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
            sets = List.of(Assignment.parse("models.gpt2.source=" + gpt2));
        }
        try {
            Experiment experiment = INJECTOR.getInstance(ExperimentResolver.class).load(CONFIGS.resolve(name), sets);
            assertTrue(INJECTOR.getInstance(Sweeps.class).expand(experiment.resolved(), CONFIGS.resolve(name)).size() >= 1);
        } catch (ExperimentFileException invalid) {
            assertEquals(List.of(), invalid.errors(), name);
        }
    }

    @Test
    void theAttentionAblationIsTwelvePointsAndTheObjectiveStudyThreeSeeds() throws IOException {
        Path study = CONFIGS.resolve("objective-study.yaml");
        var tree = org.lmlab.experiments.file.ExperimentFiles.load(study);
        assertEquals(3, tree.at("/sweep/seed").size());
        assertEquals(600, tree.at("/pretrain/train/steps").asInt());
        assertEquals(64, tree.at("/pretrain/context").asInt(), "inherited from the quickstart");
        var ablation = org.lmlab.experiments.file.ExperimentFiles.load(CONFIGS.resolve("attention-ablation.yaml"));
        assertEquals(4 * 3, ablation.at("/sweep").get("models.gpt.model.block.attention").size()
                * ablation.at("/sweep").get("models.gpt.model.positions.type").size());
    }
}
