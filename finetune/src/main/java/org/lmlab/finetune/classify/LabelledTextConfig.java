package org.lmlab.finetune.classify;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code labelled-text}: any file of labelled texts ({@link TextFormat}: {@code label<TAB>text}
 * lines, or a CSV / JSONL whose {@code text_column} and {@code label_column} hold them), split
 * like {@code sms-spam} (undersampling only if asked). Labels become class ids in sorted order.
 */
public record LabelledTextConfig(String type, String path, String format, String textColumn, String labelColumn,
        long seed, boolean undersample, double trainFraction, double validationFraction) implements LabelledDataConfig {

    /** The registered name. */
    public static final String NAME = "labelled-text";

    public LabelledTextConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("data.type: required");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("data.path: required (a labelled TSV, CSV or JSONL file)");
        }
        TextFormat.of(format == null ? "" : format, Path.of(path));
        if (textColumn == null || textColumn.isBlank()) {
            throw new IllegalArgumentException("data.text_column: required");
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new IllegalArgumentException("data.label_column: required");
        }
        new SplitConfig(seed, undersample, trainFraction, validationFraction);
    }

    /** A file in the format its extension says, columns {@code text} and {@code label}, split 70 / 10 / 20. */
    public static LabelledTextConfig of(Path file, long seed) {
        return new LabelledTextConfig(NAME, file.toString(), "auto", "text", "label", seed, false, 0.7, 0.1);
    }

    /** The same source with other column names. */
    public LabelledTextConfig withColumns(String text, String label) {
        return new LabelledTextConfig(type, path, format, text, label, seed, undersample, trainFraction, validationFraction);
    }

    @Override
    public String shortName() {
        return Path.of(path).getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    @Override
    public LabelledSplits load() throws IOException {
        Path file = Path.of(path);
        return LabelledSplits.of(file, LabelledFiles.read(file, TextFormat.of(format, file), textColumn, labelColumn),
                new SplitConfig(seed, undersample, trainFraction, validationFraction));
    }
}
