package org.lmlab.finetune.classify;

import java.io.IOException;
import org.lmlab.training.data.DataSourceConfig;

/**
 * A data source of labelled texts ({@code sms-spam}, {@code labelled-text}): it reads its
 * items and splits them, the same way for the trainer ({@link LabelledDataSource}) and for a
 * fine-tuning job that needs the label names before training and the test items after.
 */
public interface LabelledDataConfig extends DataSourceConfig {

    /** The items, read, checked and split. */
    LabelledSplits load() throws IOException;
}
