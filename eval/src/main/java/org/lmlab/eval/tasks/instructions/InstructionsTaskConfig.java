package org.lmlab.eval.tasks.instructions;

import org.lmlab.eval.judge.JudgeConfig;
import org.lmlab.eval.task.TaskConfig;

/**
 * {@code instructions}: scores a model's answers to instruction records against their reference
 * outputs. The answers come from {@code responses} (a JSON array of records with
 * {@code instruction}, optional {@code input}, {@code output} and {@code model_response}, as
 * {@code lmlab finetune instruct} writes {@value #RESPONSES}) or from that file in {@code run}
 * (a finetune-instruct run directory); with neither, from the run the evaluated model belongs
 * to. {@code judge}, when present, also has an LLM judge score every answer from 0 to 100.
 */
public record InstructionsTaskConfig(String type, String run, String responses, JudgeConfig judge) implements TaskConfig {

    /** The registered name. */
    public static final String NAME = "instructions";

    /** The responses file in a finetune-instruct run. */
    public static final String RESPONSES = "instruction-data-with-response.json";

    /** The evaluated model's run, no judge. */
    public static final InstructionsTaskConfig DEFAULTS = new InstructionsTaskConfig(NAME, "", "", null);

    public InstructionsTaskConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("task.type: required");
        }
        run = run == null ? "" : run;
        responses = responses == null ? "" : responses;
        if (!run.isEmpty() && !responses.isEmpty()) {
            throw new IllegalArgumentException("task: give run or responses, not both (run: " + run + ", responses: " + responses + ")");
        }
    }
}
