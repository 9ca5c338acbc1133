package org.lmlab.models.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.hf.BertHfConfig;
import org.lmlab.models.hf.Gpt2HfConfig;
import org.lmlab.models.hf.HfConfigs;
import org.lmlab.models.reference.Gpt2Fixture.LmHead;
import org.lmlab.models.safetensors.Dtype;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;

/** The fixture checkpoints read back through the reader: exact names, shapes, config, statistics, determinism. */
class HfCheckpointFixturesTest {

    @TempDir
    Path directory;

    @Test
    void gpt2FixtureHasExactlyTheHuggingFaceNamesAndShapes() throws IOException {
        Path dir = newDir("gpt2");
        List<HostTensor> written = HfCheckpointFixtures.writeGpt2(dir, Gpt2Fixture.small(1).withTransformerPrefix(true));
        Set<String> expected = new TreeSet<>(List.of("transformer.wte.weight", "transformer.wpe.weight",
                "transformer.ln_f.weight", "transformer.ln_f.bias"));
        for (int layer = 0; layer < 2; layer++) {
            for (String suffix : List.of("ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias",
                    "attn.c_proj.weight", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight",
                    "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias")) {
                expected.add("transformer.h." + layer + "." + suffix);
            }
        }
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            assertEquals(expected, new TreeSet<>(file.names()));
            assertEquals(28, file.names().size());
            assertArrayEquals(new long[] {97, 16}, file.info("transformer.wte.weight").shape());
            assertArrayEquals(new long[] {32, 16}, file.info("transformer.wpe.weight").shape());
            assertArrayEquals(new long[] {16, 48}, file.info("transformer.h.0.attn.c_attn.weight").shape()); // Conv1D [in, out]
            assertArrayEquals(new long[] {16, 64}, file.info("transformer.h.1.mlp.c_fc.weight").shape());
            assertArrayEquals(new long[] {64, 16}, file.info("transformer.h.1.mlp.c_proj.weight").shape());
            for (HostTensor tensor : written) {
                assertEquals(tensor, file.tensor(tensor.name()));
            }
            assertEquals("pt", file.metadata().get("format"));
        }
        assertEquals(Gpt2HfConfig.of(97, 32, 16, 2, 4), HfConfigs.read(dir.resolve("config.json")));
    }

    @Test
    void gpt2VariantsAddTheirTensorsAndConfig() throws IOException {
        Path untied = newDir("untied");
        HfCheckpointFixtures.writeGpt2(untied, Gpt2Fixture.small(1).withLmHead(LmHead.UNTIED).withAttentionBuffers(true)
                .withDtype(Dtype.BF16));
        try (SafetensorsFile file = SafetensorsFile.open(untied.resolve("model.safetensors"))) {
            assertEquals(28 + 1 + 4, file.names().size());
            assertArrayEquals(new long[] {97, 16}, file.info("lm_head.weight").shape());
            assertArrayEquals(new long[] {1, 1, 32, 32}, file.info("h.1.attn.bias").shape());
            assertArrayEquals(new long[] {}, file.info("h.1.attn.masked_bias").shape());
            assertEquals(Dtype.BF16, file.info("wte.weight").dtype());
            float[] mask = file.floats("h.0.attn.bias");
            assertEquals(1f, mask[3 * 32 + 3]);
            assertEquals(0f, mask[3 * 32 + 4]);
            assertFalse(Arrays.equals(file.floats("lm_head.weight"), file.floats("wte.weight")));
        }
        assertFalse(HfConfigs.read(untied.resolve("config.json"), Gpt2HfConfig.class).tieWordEmbeddings());
    }

    @Test
    void bertFixtureHasExactlyTheHuggingFaceNamesAndShapes() throws IOException {
        Path dir = newDir("bert");
        HfCheckpointFixtures.writeBert(dir, BertFixture.small(2));
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            // 3 embeddings + 2 norm, 16 per layer, 2 pooler, 2 transform + 2 norm, 1 output bias
            assertEquals(5 + 2 * 16 + 2 + 4 + 1, file.names().size());
            assertArrayEquals(new long[] {97, 16}, file.info("bert.embeddings.word_embeddings.weight").shape());
            assertArrayEquals(new long[] {2, 16}, file.info("bert.embeddings.token_type_embeddings.weight").shape());
            assertArrayEquals(new long[] {64, 16}, file.info("bert.encoder.layer.1.intermediate.dense.weight").shape()); // Linear [out, in]
            assertArrayEquals(new long[] {16, 64}, file.info("bert.encoder.layer.1.output.dense.weight").shape());
            assertArrayEquals(new long[] {97}, file.info("cls.predictions.bias").shape());
            assertTrue(file.contains("bert.encoder.layer.0.attention.output.LayerNorm.weight"));
            assertTrue(file.contains("bert.pooler.dense.bias"));
        }
        assertEquals(BertHfConfig.of(97, 16, 2, 4, 64, 32), HfConfigs.read(dir.resolve("config.json")));

        Path legacy = newDir("legacy");
        HfCheckpointFixtures.writeBert(legacy, BertFixture.small(2).withLegacyNormNames(true).withExplicitDecoder(true));
        try (SafetensorsFile file = SafetensorsFile.open(legacy.resolve("model.safetensors"))) {
            assertTrue(file.contains("bert.embeddings.LayerNorm.gamma") && file.contains("bert.embeddings.LayerNorm.beta"));
            assertFalse(file.names().stream().anyMatch(name -> name.endsWith("LayerNorm.weight")));
            assertArrayEquals(file.floats("bert.embeddings.word_embeddings.weight"), file.floats("cls.predictions.decoder.weight"));
            assertArrayEquals(file.floats("cls.predictions.bias"), file.floats("cls.predictions.decoder.bias"));
        }
    }

    @Test
    void sameFixtureGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        Path first = newDir("first");
        Path second = newDir("second");
        Path other = newDir("other");
        HfCheckpointFixtures.writeGpt2(first, Gpt2Fixture.small(42));
        HfCheckpointFixtures.writeGpt2(second, Gpt2Fixture.small(42));
        HfCheckpointFixtures.writeGpt2(other, Gpt2Fixture.small(43));
        for (String file : List.of("model.safetensors", "config.json")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)));
        }
        assertFalse(Arrays.equals(Files.readAllBytes(first.resolve("model.safetensors")),
                Files.readAllBytes(other.resolve("model.safetensors"))));
    }

    @Test
    void weightsAreFarFromUniform() throws IOException {
        Path dir = newDir("stats");
        List<HostTensor> tensors = HfCheckpointFixtures.writeBert(dir, BertFixture.small(3));
        for (HostTensor tensor : tensors) {
            double mean = mean(tensor.data());
            double std = std(tensor.data(), mean);
            String name = tensor.name();
            if (name.contains("LayerNorm.weight")) {
                assertEquals(1.0, mean, 0.15, name);
                assertTrue(std > 0.1, name + " std " + std);
            } else if (name.endsWith("bias")) {
                assertTrue(std > 0.05, name + " std " + std);
            } else {
                assertTrue(std > 0.25 && std < 0.6, name + " std " + std);
            }
        }
        List<String> names = new ArrayList<>(tensors.stream().map(HostTensor::name).toList());
        assertEquals(names.size(), new TreeSet<>(names).size());
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double std(float[] values, double mean) {
        double sum = 0;
        for (float value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    private Path newDir(String name) throws IOException {
        return Files.createDirectory(directory.resolve(name));
    }
}
