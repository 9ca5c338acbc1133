package org.lmlab.eval.tasks.classification;

import org.lmlab.eval.task.TaskConfig;

/**
 * {@code classification} (and {@code sms-spam}, the same task over the bundled SMS spam
 * fine-tune): evaluates the test predictions of a {@code lmlab finetune classify} run.
 * {@code run} is the run directory (empty: the parent run of the model being evaluated);
 * {@code predictions} is the predictions file, relative to the run or absolute (default
 * {@value #MODEL_PREDICTIONS}; {@value #BASELINE_PREDICTIONS} evaluates the run's Tribuo
 * baseline the same way).
 */
public record ClassificationTaskConfig(String type, String run, String predictions) implements TaskConfig {

    /** The registered name of the general task. */
    public static final String NAME = "classification";

    /** The registered name of the SMS spam fine-tune's evaluation. */
    public static final String SMS_SPAM = "sms-spam";

    /** The fine-tuned model's test predictions in a run. */
    public static final String MODEL_PREDICTIONS = "predictions-test.jsonl";

    /** The baseline's test predictions in a run. */
    public static final String BASELINE_PREDICTIONS = "predictions-test-baseline.jsonl";

    /** The model's predictions in the evaluated model's run. */
    public static final ClassificationTaskConfig DEFAULTS = new ClassificationTaskConfig(NAME, "", MODEL_PREDICTIONS);

    /** The same for an SMS spam fine-tune ({@code lmlab finetune classify} on the bundled collection). */
    public static final ClassificationTaskConfig SMS_SPAM_DEFAULTS = new ClassificationTaskConfig(SMS_SPAM, "", MODEL_PREDICTIONS);

    public ClassificationTaskConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("task.type: required");
        }
        run = run == null ? "" : run;
        if (predictions == null || predictions.isBlank()) {
            throw new IllegalArgumentException("task.predictions: required (e.g. " + MODEL_PREDICTIONS + " or "
                    + BASELINE_PREDICTIONS + ")");
        }
    }
}
