package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;

/** Parameter counts of the presets equal the published ones (Hugging Face, OpenAI, the book). */
class PresetParameterCountTest {

    private static final Models MODELS = Models.standard();

    private static long count(ModelConfig config) {
        return MODELS.build(config).parameterCount();
    }

    @ParameterizedTest(name = "{0} has {1} parameters")
    @CsvSource({
        // Hugging Face GPT2LMHeadModel, output tied to wte.
        "gpt2-124m, 124439808",
        "gpt2-355m, 354823168",
        "gpt2-774m, 774030080",
        "gpt2-1558m, 1557611200",
        // The book's GPT_CONFIG_124M: no QKV bias, separate output head.
        "gpt2-124m-book, 163009536",
        // Chapter 5's copy of it with a 256-token context: 768 x 768 fewer position weights.
        "gpt2-124m-ch5, 162419712",
        // Hugging Face BertModel (with pooler) + BertOnlyMLMHead (decoder tied, its bias counted once):
        // 109,482,240 + 622,650 for base; 335,141,888 + 1,082,170 for large.
        "bert-base, 110104890",
        "bert-large, 336224058",
    })
    void presetsMatchPublishedCounts(String preset, long expected) {
        assertEquals(expected, count(Presets.get(preset)));
    }

    @org.junit.jupiter.api.Test
    void theBooksVariantTiedHas124412160() {
        ModelConfig book = Presets.get("gpt2-124m-book");
        assertEquals(124_412_160L, count(book.withHead(HeadConfig.languageModel(true))));
    }
}
