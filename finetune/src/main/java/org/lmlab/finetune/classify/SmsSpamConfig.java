package org.lmlab.finetune.classify;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code sms-spam}: the SMS Spam Collection (UCI, Almeida and Gómez Hidalgo), read as its raw
 * {@code label<TAB>text} lines (5,574 messages: 4,827 ham, 747 spam; quotes are text, never
 * merged across lines), then the book's chapter-6 recipe: ham undersampled to 747 with the
 * seed and a seeded stratified 70 / 10 / 20 split (1,045 / 149 / 300).
 */
public record SmsSpamConfig(String type, String path, long seed, boolean undersample, double trainFraction,
        double validationFraction) implements LabelledDataConfig {

    /** The registered name. */
    public static final String NAME = "sms-spam";

    /** The bundled file under the lmlab root. */
    public static final String BUNDLED = "data/sms-spam/SMSSpamCollection";

    public SmsSpamConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("data.type: required");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("data.path: required (the SMSSpamCollection file)");
        }
        new SplitConfig(seed, undersample, trainFraction, validationFraction);
    }

    /** The bundled collection (under the {@code lmlab.root} property, else the working directory) with the book's recipe. */
    public static SmsSpamConfig bundled(long seed) {
        Path file = Path.of(System.getProperty("lmlab.root", "."), BUNDLED).toAbsolutePath().normalize();
        return new SmsSpamConfig(NAME, file.toString(), seed, true, 0.7, 0.1);
    }

    @Override
    public String shortName() {
        return NAME;
    }

    @Override
    public LabelledSplits load() throws IOException {
        Path file = Path.of(path);
        return LabelledSplits.of(file, LabelledFiles.read(file, TextFormat.TSV, "text", "label"),
                new SplitConfig(seed, undersample, trainFraction, validationFraction));
    }
}
