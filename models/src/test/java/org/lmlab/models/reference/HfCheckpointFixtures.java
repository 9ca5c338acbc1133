package org.lmlab.models.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.lmlab.models.hf.HfConfigs;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsWriter;

/**
 * Writes small random Hugging Face checkpoints ({@code config.json} + {@code model.safetensors})
 * in exactly the layout Hugging Face uses: its tensor names, GPT-2 Conv1D weights as [in, out],
 * BERT Linear weights as [out, in]. Weights are deliberately far from uniform (normal with std
 * 0.3-0.5, LayerNorm weights around 1 with spread, nonzero biases) so that logits differ clearly
 * across tokens and a wrong transpose or a missing bias shows up. Same fixture, same bytes; the
 * optional tensors are drawn last, so variants of one seed share all their other weights.
 */
public final class HfCheckpointFixtures {

    /** Name of the weights file inside a checkpoint directory. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    /** Name of the config file inside a checkpoint directory. */
    public static final String CONFIG_FILE = "config.json";

    private static final double EMBEDDING_STD = 0.5;
    private static final double MATRIX_STD = 0.3;
    private static final double BIAS_STD = 0.1;
    private static final double NORM_WEIGHT_STD = 0.2;

    private HfCheckpointFixtures() {
    }

    /** Writes a GPT-2 checkpoint into {@code directory} (which must exist) and returns its tensors by name. */
    public static List<HostTensor> writeGpt2(Path directory, Gpt2Fixture fixture) throws IOException {
        Weights w = new Weights(new Random(fixture.seed()));
        String p = fixture.transformerPrefix() ? "transformer." : "";
        int c = fixture.width();
        HostTensor wte = w.normal(p + "wte.weight", EMBEDDING_STD, fixture.vocabSize(), c);
        w.normal(p + "wpe.weight", EMBEDDING_STD, fixture.positions(), c);
        for (int layer = 0; layer < fixture.layers(); layer++) {
            String h = p + "h." + layer + ".";
            w.norm(h + "ln_1", ".weight", ".bias", c);
            w.normal(h + "attn.c_attn.weight", MATRIX_STD, c, 3 * c);
            w.normal(h + "attn.c_attn.bias", BIAS_STD, 3 * c);
            w.normal(h + "attn.c_proj.weight", MATRIX_STD, c, c);
            w.normal(h + "attn.c_proj.bias", BIAS_STD, c);
            w.norm(h + "ln_2", ".weight", ".bias", c);
            w.normal(h + "mlp.c_fc.weight", MATRIX_STD, c, fixture.inner());
            w.normal(h + "mlp.c_fc.bias", BIAS_STD, fixture.inner());
            w.normal(h + "mlp.c_proj.weight", MATRIX_STD, fixture.inner(), c);
            w.normal(h + "mlp.c_proj.bias", BIAS_STD, c);
            if (fixture.attentionBuffers()) {
                w.add(causalMaskBuffer(h + "attn.bias", fixture.positions()));
                w.add(new HostTensor(h + "attn.masked_bias", new long[] {}, new float[] {-1e4f}));
            }
        }
        w.norm(p + "ln_f", ".weight", ".bias", c);
        switch (fixture.lmHead()) {
            case TIED_OMITTED -> { }
            case TIED_EXPLICIT -> w.add(new HostTensor("lm_head.weight", wte.shape(), wte.data().clone()));
            case UNTIED -> w.normal("lm_head.weight", EMBEDDING_STD, fixture.vocabSize(), c);
        }
        SafetensorsWriter.write(directory.resolve(WEIGHTS_FILE), w.tensors, Map.of("format", "pt"), fixture.dtype());
        HfConfigs.write(directory.resolve(CONFIG_FILE), fixture.config());
        return List.copyOf(w.tensors);
    }

    /** Writes a BERT masked-LM checkpoint into {@code directory} (which must exist) and returns its tensors by name. */
    public static List<HostTensor> writeBert(Path directory, BertFixture fixture) throws IOException {
        return writeBert(directory, fixture, false);
    }

    /**
     * Writes a head-less {@code BertModel} checkpoint as Hugging Face saves one: architectures
     * {@code ["BertModel"]}, the encoder's names without the {@code bert.} prefix, no
     * {@code cls.*} tensors, the pooler as the fixture says. Its other weights are those
     * {@link #writeBert} draws for the same fixture.
     */
    public static List<HostTensor> writeBertModel(Path directory, BertFixture fixture) throws IOException {
        return writeBert(directory, fixture, true);
    }

    private static List<HostTensor> writeBert(Path directory, BertFixture fixture, boolean headless) throws IOException {
        Weights w = new Weights(new Random(fixture.seed()));
        String weight = fixture.legacyNormNames() ? ".gamma" : ".weight";
        String bias = fixture.legacyNormNames() ? ".beta" : ".bias";
        int c = fixture.width();
        String prefix = headless ? "" : "bert.";
        String e = prefix + "embeddings.";
        HostTensor words = w.normal(e + "word_embeddings.weight", EMBEDDING_STD, fixture.vocabSize(), c);
        w.normal(e + "position_embeddings.weight", EMBEDDING_STD, fixture.positions(), c);
        w.normal(e + "token_type_embeddings.weight", EMBEDDING_STD, fixture.typeVocabSize(), c);
        w.norm(e + "LayerNorm", weight, bias, c);
        for (int layer = 0; layer < fixture.layers(); layer++) {
            String l = prefix + "encoder.layer." + layer + ".";
            for (String projection : List.of("query", "key", "value")) {
                w.normal(l + "attention.self." + projection + ".weight", MATRIX_STD, c, c);
                w.normal(l + "attention.self." + projection + ".bias", BIAS_STD, c);
            }
            w.normal(l + "attention.output.dense.weight", MATRIX_STD, c, c);
            w.normal(l + "attention.output.dense.bias", BIAS_STD, c);
            w.norm(l + "attention.output.LayerNorm", weight, bias, c);
            w.normal(l + "intermediate.dense.weight", MATRIX_STD, fixture.intermediate(), c);
            w.normal(l + "intermediate.dense.bias", BIAS_STD, fixture.intermediate());
            w.normal(l + "output.dense.weight", MATRIX_STD, c, fixture.intermediate());
            w.normal(l + "output.dense.bias", BIAS_STD, c);
            w.norm(l + "output.LayerNorm", weight, bias, c);
        }
        // The head is drawn either way (and dropped when head-less), so both share the pooler too.
        w.normal("cls.predictions.transform.dense.weight", MATRIX_STD, c, c);
        w.normal("cls.predictions.transform.dense.bias", BIAS_STD, c);
        w.norm("cls.predictions.transform.LayerNorm", weight, bias, c);
        HostTensor outputBias = w.normal("cls.predictions.bias", BIAS_STD, fixture.vocabSize());
        if (fixture.explicitDecoder()) {
            w.add(new HostTensor("cls.predictions.decoder.weight", words.shape(), words.data().clone()));
            w.add(new HostTensor("cls.predictions.decoder.bias", outputBias.shape(), outputBias.data().clone()));
        }
        if (headless) {
            w.tensors.removeIf(tensor -> tensor.name().startsWith("cls."));
        }
        // Drawn last, so that a fixture with and without pooler shares every other weight.
        if (fixture.pooler()) {
            w.normal(prefix + "pooler.dense.weight", MATRIX_STD, c, c);
            w.normal(prefix + "pooler.dense.bias", BIAS_STD, c);
        }
        SafetensorsWriter.write(directory.resolve(WEIGHTS_FILE), w.tensors, Map.of("format", "pt"), fixture.dtype());
        HfConfigs.write(directory.resolve(CONFIG_FILE),
                headless ? fixture.config().withArchitectures(List.of("BertModel")) : fixture.config());
        return List.copyOf(w.tensors);
    }

    private static HostTensor causalMaskBuffer(String name, int positions) {
        float[] mask = new float[positions * positions];
        for (int row = 0; row < positions; row++) {
            for (int column = 0; column <= row; column++) {
                mask[row * positions + column] = 1f;
            }
        }
        return new HostTensor(name, new long[] {1, 1, positions, positions}, mask);
    }

    /** Draws tensors from one random stream in the order they are asked for. */
    private static final class Weights {
        private final Random random;
        private final List<HostTensor> tensors = new ArrayList<>();

        Weights(Random random) {
            this.random = random;
        }

        HostTensor normal(String name, double std, long... shape) {
            return add(new HostTensor(name, shape, draw(count(shape), 0, std)));
        }

        void norm(String path, String weightSuffix, String biasSuffix, int width) {
            add(new HostTensor(path + weightSuffix, new long[] {width}, draw(width, 1, NORM_WEIGHT_STD)));
            add(new HostTensor(path + biasSuffix, new long[] {width}, draw(width, 0, BIAS_STD)));
        }

        HostTensor add(HostTensor tensor) {
            tensors.add(tensor);
            return tensor;
        }

        private float[] draw(int count, double mean, double std) {
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = (float) (mean + std * random.nextGaussian());
            }
            return values;
        }

        private static int count(long[] shape) {
            long count = 1;
            for (long dimension : shape) {
                count *= dimension;
            }
            return Math.toIntExact(count);
        }
    }
}
