package org.lmlab.experiments.file;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.training.TrainConfig;

/**
 * The values an experiment file may leave out, in one place (docs/experiments.md lists them):
 * the master seed 1234 and runs root {@code runs}; pretraining's {@code train:} is the book's
 * chapter-5 {@link TrainConfig#book()} with progress lines every 10 steps (its seed is always
 * the experiment's); the classification fine-tune is the book's chapter 6 (the last block trains,
 * 5 epochs, batch 8, AdamW at 5e-5 with weight decay 0.1, evaluation every 50 steps, the
 * baseline) on {@code sms-spam}; evaluation takes 1,000 bootstrap resamples.
 */
public final class ExperimentDefaults {

    /** The master seed when the file gives none. */
    public static final long SEED = 1234;

    /** Where run folders go when the file says nothing. */
    public static final String RUNS_ROOT = "runs";

    /** Bootstrap resamples per metric interval. */
    public static final int RESAMPLES = 1000;

    private ExperimentDefaults() {
    }

    /** The pretraining {@code train:} tree without its seed. */
    public static ObjectNode pretrainTrain(ConfigMapper mapper) {
        TrainConfig book = TrainConfig.book();
        TrainConfig defaults = new TrainConfig(book.batchSize(), book.accumulation(), book.steps(), book.epochs(), book.clipNorm(),
                book.evalEvery(), book.evalBatches(), book.checkpointEvery(), book.keepCheckpoints(), 10, 0,
                book.optimizer(), book.schedule());
        ObjectNode tree = mapper.tree(defaults);
        tree.remove("seed");
        return tree;
    }

    /** The classification fine-tune's tree without its data. */
    /** The book's chapter-7 settings for {@code finetune.instruct}: the bundled records, alpaca prompts, 2 epochs of batch 8 at 5e-5. */
    public static ObjectNode instruct() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("data", "data/instruction-data.json");
        tree.put("format", "alpaca");
        tree.put("epochs", 2);
        tree.put("steps", 0);
        tree.put("lr", 5e-5);
        tree.put("weight_decay", 0.1);
        tree.put("batch", 8);
        tree.put("max_length", 0);
        tree.put("mask_prompt", false);
        tree.put("lora_rank", 0);
        tree.put("lora_alpha", 16.0);
        tree.put("max_new_tokens", 256);
        tree.put("eval_every", 5);
        tree.put("eval_batches", 5);
        return tree;
    }

    public static ObjectNode classify() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("train", "last-block");
        tree.put("lora_rank", 16);
        tree.put("lora_alpha", 16.0);
        tree.put("epochs", 5);
        tree.put("steps", 0);
        tree.put("lr", 5e-5);
        tree.put("weight_decay", 0.1);
        tree.put("batch", 8);
        tree.put("max_length", 0);
        tree.put("eval_every", 50);
        tree.put("baseline", true);
        return tree;
    }
}
