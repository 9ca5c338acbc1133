package org.lmlab.training.data;

/**
 * {@code corpus}: one UTF-8 text file, tokenised once through the token cache, split by
 * {@code validation_fraction} into a training and a validation part, each cut into sliding
 * windows starting every {@code stride} tokens (0: the objective's own, windows that share at
 * most one token).
 */
public record CorpusSourceConfig(String type, String path, double validationFraction, int stride) implements DataSourceConfig {

    public CorpusSourceConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("data.type: required");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("data.path: required (a UTF-8 text file)");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("data.validation_fraction: must be in [0, 1), got " + validationFraction);
        }
        if (stride < 0) {
            throw new IllegalArgumentException("data.stride: must be 0 (the objective's) or positive, got " + stride);
        }
    }

    /** The corpus file's name without its extension. */
    @Override
    public String shortName() {
        return java.nio.file.Path.of(path).getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    /** A corpus under the built-in name. */
    public static CorpusSourceConfig of(String path, double validationFraction, int stride) {
        return new CorpusSourceConfig(CorpusSource.NAME, path, validationFraction, stride);
    }
}
