package org.lmlab.finetune.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.layers.position.PositionalConfig;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.generate.Generator;
import org.lmlab.models.generate.SamplingConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;

/** Responses decoded in batches are the responses one-at-a-time decoding gives, record by record. */
class InstructionResponsesTest {

    @Test
    void batchedResponsesEqualOneAtATimeResponses() throws IOException {
        Tokenizer gpt2 = Tokenizers.standard().resolve("gpt2");
        // 9 records in batches of 4 (two full, one part); prompts of mixed lengths, and with 24 new
        // tokens the longest outgrow the 64-position context of this gpt-tiny.
        List<InstructionRecord> records = InstructionFile.read(InstructionDataTest.BUNDLED).subList(0, 9);
        int maxNewTokens = 24;
        int context = 64;
        ModelConfig tiny = Presets.get("gpt-tiny");
        tiny = new ModelConfig(tiny.name(), tiny.stack(), tiny.vocabSize(), tiny.width(), tiny.layers(), tiny.typeVocabSize(),
                PositionalConfig.learned(context), tiny.block(), tiny.embeddingNorm(), tiny.finalNorm(), tiny.pooler(),
                tiny.embeddingDropout(), tiny.head(), tiny.init());
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = Models.standard().build(tiny);
            manager.getEngine().setRandomSeed(8);
            model.initialize(manager);
            List<String> batched = InstructionResponses.generate(model, gpt2, Prompts.ALPACA, records, maxNewTokens, manager, 4);

            Generator alone = new Generator(model, manager);
            SamplingConfig greedy = new SamplingConfig(maxNewTokens, 0f, 0, 1f, 0L,
                    gpt2.specialTokens().id(SpecialTokens.Role.END_OF_TEXT).orElseThrow());
            List<String> expected = new ArrayList<>();
            int overflowing = 0;
            for (InstructionRecord record : records) {
                int[] prompt = gpt2.encode(Prompts.ALPACA.prompt(record));
                overflowing += prompt.length + maxNewTokens > context ? 1 : 0;
                expected.add(gpt2.decode(alone.generate(prompt, greedy, true)).strip());
            }
            assertTrue(overflowing > 0, "some prompts must outgrow the context");
            assertEquals(expected, batched);
            assertTrue(batched.stream().anyMatch(response -> !response.isEmpty()));
        }
    }
}
