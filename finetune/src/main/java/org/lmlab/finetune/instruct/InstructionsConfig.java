package org.lmlab.finetune.instruct;

import java.nio.file.Path;
import org.lmlab.training.data.DataSourceConfig;

/**
 * {@code instructions}: Alpaca-style records from {@code path} (a JSON array or JSONL, see
 * {@link InstructionFile}), written as text by the prompt format {@code format} ({@code alpaca},
 * {@code phi3}), split 85/10/5 into train / test / validation after a shuffle seeded by
 * {@code split_seed} ({@link InstructionSplit}); training and validation examples are the train
 * and validation records, the test records are for generation.
 */
public record InstructionsConfig(String type, String path, String format, long splitSeed) implements DataSourceConfig {

    public InstructionsConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("data.type: required");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("data.path: required (a JSON or JSONL file of instruction records)");
        }
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("data.format: required (a prompt format: alpaca, phi3)");
        }
    }

    /** Records under the built-in name. */
    public static InstructionsConfig of(String path, String format, long splitSeed) {
        return new InstructionsConfig(InstructionsSource.NAME, path, format, splitSeed);
    }

    /** The file's name without its extension. */
    @Override
    public String shortName() {
        return Path.of(path).getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }
}
