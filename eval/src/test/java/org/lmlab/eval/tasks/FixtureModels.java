package org.lmlab.eval.tasks;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.EvalProgress;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.Gpt2Fixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.reference.ReferenceBert;
import org.lmlab.models.reference.ReferenceGpt2;
import org.lmlab.models.score.ScoringConfig;
import org.lmlab.training.text.ModelText;

/**
 * A tiny GPT-2 and a tiny BERT checkpoint (the models module's fixtures: vocabulary 97, 32
 * positions, random weights), each loaded by lmlab and by the independent float64 reference,
 * with {@link TestTokenizer} as their text.
 */
public final class FixtureModels implements AutoCloseable {

    /** The ids a masked model never scores. */
    public static final Set<Integer> UNSCORED = Set.of(TestTokenizer.PAD, TestTokenizer.CLS, TestTokenizer.SEP);

    public final NDManager manager;
    public final LanguageModel gpt;
    public final LanguageModel bert;
    public final ReferenceGpt2 gptReference;
    public final ReferenceBert bertReference;
    public final Path gptDirectory;
    public final Path bertDirectory;

    public FixtureModels(Path directory) throws IOException {
        gptDirectory = directory.resolve("gpt");
        bertDirectory = directory.resolve("bert");
        java.nio.file.Files.createDirectories(gptDirectory);
        java.nio.file.Files.createDirectories(bertDirectory);
        HfCheckpointFixtures.writeGpt2(gptDirectory, Gpt2Fixture.small(311));
        HfCheckpointFixtures.writeBert(bertDirectory, BertFixture.small(312));
        gptReference = ReferenceGpt2.load(gptDirectory);
        bertReference = ReferenceBert.load(bertDirectory);
        manager = OfflineEngine.get().newBaseManager();
        gpt = ModelDirectory.standard().load(gptDirectory, manager);
        bert = ModelDirectory.standard().load(bertDirectory, manager);
    }

    /** A context for one of the two models, default scoring. */
    public EvalContext context(LanguageModel model, Path taskDirectory) {
        return context(model, taskDirectory, ScoringConfig.DEFAULT);
    }

    public EvalContext context(LanguageModel model, Path taskDirectory, ScoringConfig scoring) {
        return new EvalContext(model, ModelText.of(new TestTokenizer(), model), manager, scoring, 1234,
                model == gpt ? gptDirectory : bertDirectory, taskDirectory, EvalProgress.NONE);
    }

    /** The reference's summed log-probability of every id after the first. */
    public double gptLogLikelihood(int[] ids) {
        return sum(gptReference.nextTokenLogProbabilities(ids));
    }

    /** The reference's pseudo-log-likelihood of framed ids. */
    public double bertPseudoLogLikelihood(int[] framed) {
        return sum(bertReference.maskedLogProbabilities(framed, TestTokenizer.MASK, UNSCORED));
    }

    /** {@code [END_OF_TEXT] ids}. */
    public static int[] afterEndOfText(int[] ids) {
        int[] all = new int[ids.length + 1];
        all[0] = TestTokenizer.END_OF_TEXT;
        System.arraycopy(ids, 0, all, 1, ids.length);
        return all;
    }

    /** {@code [CLS] ids [SEP]}. */
    public static int[] framed(int[] ids) {
        int[] all = new int[ids.length + 2];
        all[0] = TestTokenizer.CLS;
        System.arraycopy(ids, 0, all, 1, ids.length);
        all[ids.length + 1] = TestTokenizer.SEP;
        return all;
    }

    public static double sum(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }

    @Override
    public void close() {
        manager.close();
    }
}
