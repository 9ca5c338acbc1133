package org.lmlab.finetune.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.training.model.Freeze;
import org.lmlab.training.model.ModelEdit;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.model.ModelEditTypes;

/** --train names map to freeze edits; lora is built by name and needs a module that registers it. */
class TrainPolicyTest {

    private final ConfigMapper mapper = Guice.createInjector(new ClassificationModule()).getInstance(ConfigMapper.class);

    @Test
    void policiesAreFreezeEdits() {
        assertEquals(List.of(new Freeze.Config("freeze", "head", 0)), TrainPolicy.edits("head", 16, 16, mapper));
        assertEquals(List.of(new Freeze.Config("freeze", "last-block", 0)), TrainPolicy.edits("last-block", 16, 16, mapper));
        assertEquals(List.of(new Freeze.Config("freeze", "last-blocks", 3)), TrainPolicy.edits("last-3", 16, 16, mapper));
        assertEquals(List.of(new Freeze.Config("freeze", "all", 0)), TrainPolicy.edits("all", 16, 16, mapper));
    }

    @Test
    void unknownPoliciesAndLoraWithoutItsModuleAreRefused() {
        assertEquals("--train: unknown policy 'body'; known: head, last-block, last-N (the last N blocks), all, lora",
                assertThrows(IllegalArgumentException.class, () -> TrainPolicy.edits("body", 16, 16, mapper)).getMessage());
        assertEquals("--train: last-0 trains no block; use last-1 or more, or head",
                assertThrows(IllegalArgumentException.class, () -> TrainPolicy.edits("last-0", 16, 16, mapper)).getMessage());
        String lora = assertThrows(IllegalArgumentException.class, () -> TrainPolicy.edits("lora", 16, 16, mapper)).getMessage();
        assertEquals("--train lora: type: unknown type 'lora'; known: freeze, replace-head", lora);
    }

    /** The shape the LoRA edit's config has (LoraConfig(type, rank, alpha, targets)), registered here as a stand-in. */
    record StandInLora(String type, int rank, double alpha, List<String> targets) implements ModelEditConfig {
    }

    @Test
    void loraIsBuiltByNameWithRankAlphaAndEveryLinearLayerWhereItIsRegistered() {
        ConfigMapper withLora = Guice.createInjector(new ClassificationModule(), binder ->
                ModelEditTypes.register(binder, "lora", StandInLora.class, config -> new ModelEdit() { }))
                .getInstance(ConfigMapper.class);
        assertEquals(List.of(new StandInLora("lora", 8, 16.0, List.of())), TrainPolicy.edits("lora", 8, 16, withLora));
    }
}
