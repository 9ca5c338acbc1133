package org.lmlab.finetune.classify;

import java.io.IOException;
import org.lmlab.training.data.DataRequest;
import org.lmlab.training.data.DataSourceFactory;
import org.lmlab.training.data.PreparedData;
import org.lmlab.training.data.TrainingData;

/**
 * The data source of {@code sms-spam} and {@code labelled-text}: the config's splits as
 * examples (train and validation; the test split stays out of training), fingerprinted by the
 * split files' SHA-256, which it writes into the run's {@value #DIRECTORY}/ directory with
 * {@code splits.json} when the run starts.
 *
 * @param <C> the source's config record
 */
public final class LabelledDataSource<C extends LabelledDataConfig> implements DataSourceFactory<C> {

    /** Where in a run directory the split files go. */
    public static final String DIRECTORY = "data";

    @Override
    public PreparedData prepare(C config, DataRequest request) throws IOException {
        LabelledSplits splits = config.load();
        TrainingData data = new TrainingData(
                ClassificationExamples.of(splits.train(), splits.labels(), request.tokenizer(), splits.source()),
                ClassificationExamples.of(splits.validation(), splits.labels(), request.tokenizer(), splits.source()));
        return new PreparedData(data, splits.fingerprint(), splits.source(),
                runDirectory -> splits.write(runDirectory.resolve(DIRECTORY)));
    }
}
