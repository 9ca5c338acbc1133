package org.lmlab.training.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code corpus} data source: a text file tokenised through the token cache, split by
 * fraction ({@link CorpusSplit}) and cut into the objective's windows ({@link SlidingWindows}).
 * Its fingerprint is the file's SHA-256.
 */
public final class CorpusSource implements DataSourceFactory<CorpusSourceConfig> {

    /** The registered name. */
    public static final String NAME = "corpus";

    @Override
    public PreparedData prepare(CorpusSourceConfig config, DataRequest request) throws IOException {
        Path corpus = Path.of(config.path());
        if (!Files.isRegularFile(corpus)) {
            throw new NoSuchFileException(config.path(), null, "no such corpus file");
        }
        String sha256 = Sha256.of(corpus);
        TokenFile tokens = request.cache().tokens(corpus, request.tokenizerName(), request.tokenizer());
        WindowShape windows = config.stride() > 0
                ? new WindowShape(request.exampleTokens(), config.stride())
                : WindowShape.adjacent(request.exampleTokens(), request.context());
        return new PreparedData(CorpusSplit.split(tokens, windows, config.validationFraction()), sha256, config.path());
    }
}
