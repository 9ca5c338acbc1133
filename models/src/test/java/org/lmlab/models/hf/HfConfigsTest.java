package org.lmlab.models.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the config.json files Hugging Face publishes, writing them back, and an error naming
 * file and field for each way a config can be wrong.
 */
class HfConfigsTest {

    /** The config.json of the Hugging Face {@code gpt2} checkpoint, with its unused keys. */
    private static final String GPT2_CONFIG = """
            {
              "activation_function": "gelu_new",
              "architectures": [
                "GPT2LMHeadModel"
              ],
              "attn_pdrop": 0.1,
              "bos_token_id": 50256,
              "embd_pdrop": 0.1,
              "eos_token_id": 50256,
              "initializer_range": 0.02,
              "layer_norm_epsilon": 1e-05,
              "model_type": "gpt2",
              "n_ctx": 1024,
              "n_embd": 768,
              "n_head": 12,
              "n_inner": null,
              "n_layer": 12,
              "n_positions": 1024,
              "resid_pdrop": 0.1,
              "summary_activation": null,
              "summary_first_dropout": 0.1,
              "summary_proj_to_labels": true,
              "summary_type": "cls_index",
              "summary_use_proj": true,
              "task_specific_params": {
                "text-generation": {
                  "do_sample": true,
                  "max_length": 50
                }
              },
              "vocab_size": 50257
            }
            """;

    /** The config.json of the Hugging Face {@code bert-base-uncased} checkpoint. */
    private static final String BERT_CONFIG = """
            {
              "architectures": [
                "BertForMaskedLM"
              ],
              "attention_probs_dropout_prob": 0.1,
              "gradient_checkpointing": false,
              "hidden_act": "gelu",
              "hidden_dropout_prob": 0.1,
              "hidden_size": 768,
              "initializer_range": 0.02,
              "intermediate_size": 3072,
              "layer_norm_eps": 1e-12,
              "max_position_embeddings": 512,
              "model_type": "bert",
              "num_attention_heads": 12,
              "num_hidden_layers": 12,
              "pad_token_id": 0,
              "position_embedding_type": "absolute",
              "transformers_version": "4.6.0.dev0",
              "type_vocab_size": 2,
              "use_cache": true,
              "vocab_size": 30522
            }
            """;

    @TempDir
    Path directory;

    @Test
    void readsTheGpt2Config() throws IOException {
        HfConfig config = HfConfigs.read(write("gpt2.json", GPT2_CONFIG));
        Gpt2HfConfig gpt2 = assertInstanceOf(Gpt2HfConfig.class, config);
        assertEquals(new Gpt2HfConfig(50257, 1024, 768, 12, 12, 3072, 1e-5, "gelu_new", 0.1, 0.1, 0.1,
                List.of("GPT2LMHeadModel"), true), gpt2);
        assertEquals("gpt2", gpt2.modelType());
        assertEquals(64, gpt2.headDim());
    }

    @Test
    void readsTheBertConfig() throws IOException {
        BertHfConfig bert = HfConfigs.read(write("bert.json", BERT_CONFIG), BertHfConfig.class);
        assertEquals(new BertHfConfig(30522, 768, 12, 12, 3072, "gelu", 512, 2, 1e-12, 0.1, 0.1, 0,
                List.of("BertForMaskedLM")), bert);
    }

    @Test
    void absentOptionalKeysTakeHuggingFaceDefaults() throws IOException {
        Gpt2HfConfig gpt2 = HfConfigs.read(write("gpt2.json", """
                {"model_type": "gpt2", "vocab_size": 97, "n_positions": 32, "n_embd": 16, "n_layer": 2, "n_head": 4}
                """), Gpt2HfConfig.class);
        assertEquals(Gpt2HfConfig.of(97, 32, 16, 2, 4), gpt2);
        assertEquals(64, gpt2.nInner());
        assertEquals(1e-5, gpt2.layerNormEpsilon());
        assertEquals("gelu_new", gpt2.activationFunction());
        assertEquals(0.1, gpt2.attnPdrop());
        assertEquals(List.of("GPT2LMHeadModel"), gpt2.architectures());
        assertTrue(gpt2.tieWordEmbeddings());

        BertHfConfig bert = HfConfigs.read(write("bert.json", """
                {"model_type": "bert", "vocab_size": 97, "hidden_size": 16, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "intermediate_size": 64, "max_position_embeddings": 32}
                """), BertHfConfig.class);
        assertEquals(BertHfConfig.of(97, 16, 2, 4, 64, 32), bert);
        assertEquals("gelu", bert.hiddenAct());
        assertEquals(2, bert.typeVocabSize());
        assertEquals(1e-12, bert.layerNormEps());
        assertEquals(0, bert.padTokenId());
        assertEquals(List.of("BertForMaskedLM"), bert.architectures());
    }

    @Test
    void writesSortedKeysWithTwoSpaceIndentAndAFinalNewline() throws IOException {
        Path path = directory.resolve("config.json");
        HfConfigs.write(path, Gpt2HfConfig.of(97, 32, 16, 2, 4));
        String written = Files.readString(path);
        assertEquals("""
                {
                  "activation_function": "gelu_new",
                  "architectures": [
                    "GPT2LMHeadModel"
                  ],
                  "attn_pdrop": 0.1,
                  "embd_pdrop": 0.1,
                  "layer_norm_epsilon": 1.0E-5,
                  "model_type": "gpt2",
                  "n_embd": 16,
                  "n_head": 4,
                  "n_inner": 64,
                  "n_layer": 2,
                  "n_positions": 32,
                  "resid_pdrop": 0.1,
                  "tie_word_embeddings": true,
                  "vocab_size": 97
                }
                """, written);
    }

    @Test
    void writtenBertKeysAreSortedAndIncludeModelType() throws IOException {
        String json = new String(HfConfigs.toJson(BertHfConfig.of(97, 16, 2, 4, 64, 32)), StandardCharsets.UTF_8);
        List<String> keys = new ArrayList<>();
        Iterator<String> names = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fieldNames();
        names.forEachRemaining(keys::add);
        assertEquals(List.of("architectures", "attention_probs_dropout_prob", "hidden_act", "hidden_dropout_prob",
                "hidden_size", "intermediate_size", "layer_norm_eps", "max_position_embeddings", "model_type",
                "num_attention_heads", "num_hidden_layers", "pad_token_id", "type_vocab_size", "vocab_size"), keys);
    }

    @Test
    void roundTripsBothConfigsAndRewritesIdentically() throws IOException {
        for (HfConfig config : List.of(
                HfConfigs.read(write("gpt2.json", GPT2_CONFIG)),
                HfConfigs.read(write("bert.json", BERT_CONFIG)),
                Gpt2HfConfig.of(97, 32, 16, 2, 4).withNInner(24).withTieWordEmbeddings(false).withLayerNormEpsilon(1e-6),
                BertHfConfig.of(97, 16, 2, 4, 64, 32).withTypeVocabSize(3).withLayerNormEps(1e-7))) {
            Path path = directory.resolve(config.modelType() + "-out.json");
            HfConfigs.write(path, config);
            assertEquals(config, HfConfigs.read(path));
            byte[] first = Files.readAllBytes(path);
            HfConfigs.write(path, HfConfigs.read(path));
            assertArrayEquals(first, Files.readAllBytes(path));
        }
    }

    @Test
    void missingRequiredFieldNamesFileAndField() throws IOException {
        Path path = write("config.json", GPT2_CONFIG.replace("\"n_embd\": 768,", ""));
        assertError(path, "field n_embd is missing");
        Path nullField = write("null.json", GPT2_CONFIG.replace("\"n_layer\": 12", "\"n_layer\": null"));
        assertError(nullField, "field n_layer is missing");
    }

    @Test
    void wronglyTypedFieldNamesFileAndField() throws IOException {
        assertError(write("string.json", GPT2_CONFIG.replace("\"n_embd\": 768", "\"n_embd\": \"768\"")), "field n_embd: ");
        assertError(write("float.json", GPT2_CONFIG.replace("\"n_head\": 12", "\"n_head\": 12.5")), "field n_head: ");
        assertError(write("huge.json", GPT2_CONFIG.replace("\"n_head\": 12", "\"n_head\": 99999999999")), "n_head");
        assertError(write("list.json", BERT_CONFIG.replace("\"BertForMaskedLM\"", "7")), "field architectures[0]: ");
    }

    @Test
    void invalidValuesNameTheField() throws IOException {
        assertError(write("heads.json", GPT2_CONFIG.replace("\"n_head\": 12", "\"n_head\": 5")),
                "field n_embd (768) must be divisible by n_head (5)");
        assertError(write("vocab.json", BERT_CONFIG.replace("\"vocab_size\": 30522", "\"vocab_size\": 0")),
                "field vocab_size must be positive, got 0");
        assertError(write("eps.json", BERT_CONFIG.replace("1e-12", "-1e-12")), "field layer_norm_eps must be a positive");
        assertError(write("drop.json", GPT2_CONFIG.replace("\"attn_pdrop\": 0.1", "\"attn_pdrop\": 1.5")),
                "field attn_pdrop must be in [0, 1)");
        assertError(write("pad.json", BERT_CONFIG.replace("\"pad_token_id\": 0", "\"pad_token_id\": 30522")),
                "field pad_token_id (30522) must be below vocab_size (30522)");
    }

    @Test
    void unsupportedOrMissingModelTypeListsSupportedOnes() throws IOException {
        assertError(write("llama.json", GPT2_CONFIG.replace("\"gpt2\"", "\"llama\"")),
                "field model_type: unsupported model type 'llama' (supported: bert, gpt2)");
        assertError(write("none.json", GPT2_CONFIG.replace("\"model_type\": \"gpt2\",", "")),
                "field model_type is missing (supported: bert, gpt2)");
        assertError(write("number.json", GPT2_CONFIG.replace("\"gpt2\"", "2")), "field model_type must be a string");
        HfConfigException wrongKind = assertThrows(HfConfigException.class,
                () -> HfConfigs.read(write("bert-as-gpt.json", BERT_CONFIG), Gpt2HfConfig.class));
        assertTrue(wrongKind.getMessage().contains("model_type is 'bert' but a Gpt2HfConfig was expected"));
    }

    @Test
    void malformedFilesNameTheFile() throws IOException {
        assertError(write("syntax.json", "{\"model_type\": \"gpt2\",}"), "not valid JSON");
        assertError(write("empty.json", ""), "file is empty");
        assertError(write("array.json", "[1, 2]"), "must be a JSON object, got ARRAY");
        assertError(write("twice.json", GPT2_CONFIG.replace("\"n_head\": 12,", "\"n_head\": 12, \"n_head\": 6,")),
                "not valid JSON: Duplicate");
        assertError(write("trailing.json", GPT2_CONFIG + "{}"), "not valid JSON");
        Path invalidUtf8 = directory.resolve("latin1.json");
        Files.write(invalidUtf8, "{\"model_type\": \"gpt\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertError(invalidUtf8, "not valid JSON");
    }

    private void assertError(Path path, String expectedFragment) {
        HfConfigException error = assertThrows(HfConfigException.class, () -> HfConfigs.read(path));
        String message = error.getMessage();
        assertTrue(message.startsWith(path + ": "), "message must name the file: " + message);
        assertTrue(message.contains(expectedFragment), "expected '" + expectedFragment + "' in: " + message);
    }

    private Path write(String fileName, String content) throws IOException {
        return Files.writeString(directory.resolve(fileName), content);
    }
}
