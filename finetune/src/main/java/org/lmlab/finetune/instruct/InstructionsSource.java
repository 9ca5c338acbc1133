package org.lmlab.finetune.instruct;

import com.google.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import org.lmlab.training.data.DataRequest;
import org.lmlab.training.data.DataSourceFactory;
import org.lmlab.training.data.PreparedData;
import org.lmlab.training.data.Sha256;
import org.lmlab.training.data.TrainingData;

/**
 * The {@code instructions} data source: reads the records, splits them, and gives the train and
 * validation records as examples ({@link InstructionExamples}) in the configured prompt format.
 * Its fingerprint is the file's SHA-256 (the format and split seed are in the run's config).
 */
public final class InstructionsSource implements DataSourceFactory<InstructionsConfig> {

    /** The registered name. */
    public static final String NAME = "instructions";

    private final Provider<PromptFormats> formats;

    public InstructionsSource(Provider<PromptFormats> formats) {
        this.formats = formats;
    }

    @Override
    public PreparedData prepare(InstructionsConfig config, DataRequest request) throws IOException {
        PromptFormat format = formats.get().get(config.format());
        Path file = Path.of(config.path());
        InstructionSplit split = InstructionSplit.of(InstructionFile.read(file), config.splitSeed());
        TrainingData data = new TrainingData(InstructionExamples.of(split.train(), format, request.tokenizer()),
                InstructionExamples.of(split.validation(), format, request.tokenizer()));
        return new PreparedData(data, Sha256.of(file), config.path());
    }
}
