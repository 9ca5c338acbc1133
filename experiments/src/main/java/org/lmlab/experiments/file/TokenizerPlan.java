package org.lmlab.experiments.file;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one tokenizer every model of an experiment uses: a name (or {@code TYPE:PATH}) as
 * {@code lmlab train --tokenizer} takes, or a byte-level BPE the runner trains first with the
 * tokenizers module's {@code BpeTrainer} ({@link TrainSpec}). Exactly one is present.
 */
public record TokenizerPlan(Optional<String> name, Optional<TrainSpec> train) {

    public TokenizerPlan {
        name = name == null ? Optional.empty() : name;
        train = train == null ? Optional.empty() : train;
        if (name.isPresent() == train.isPresent()) {
            throw new IllegalArgumentException("tokenizer: give exactly one of name and train");
        }
    }

    /** A named tokenizer. */
    public static TokenizerPlan named(String name) {
        return new TokenizerPlan(Optional.of(name), Optional.empty());
    }

    /** A BPE trained on a corpus. */
    public static TokenizerPlan trained(TrainSpec spec) {
        return new TokenizerPlan(Optional.empty(), Optional.of(spec));
    }

    /**
     * A BPE to learn: {@code vocabSize} ids (256 bytes, merges, then the special tokens, in this
     * order) from the UTF-8 corpus {@code data} (an absolute path once resolved).
     */
    public record TrainSpec(int vocabSize, Path data, List<String> specialTokens) {

        public TrainSpec {
            specialTokens = specialTokens == null ? List.of() : List.copyOf(specialTokens);
            if (data == null) {
                throw new IllegalArgumentException("data: required (a UTF-8 corpus to learn the merges from)");
            }
            if (vocabSize < 256 + specialTokens.size()) {
                throw new IllegalArgumentException("vocab_size: must be at least 256 + " + specialTokens.size()
                        + " special tokens, got " + vocabSize);
            }
            if (specialTokens.stream().distinct().count() != specialTokens.size()) {
                throw new IllegalArgumentException("special_tokens: listed twice: " + specialTokens);
            }
        }
    }
}
