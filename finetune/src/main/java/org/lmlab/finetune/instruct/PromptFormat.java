package org.lmlab.finetune.instruct;

/**
 * How a record becomes text: the prompt (everything the model reads before it answers, ending
 * where the response starts) and the response it is trained to write. Registered by name
 * ({@link PromptFormats#register}); the built-ins are in {@link Prompts}.
 */
@FunctionalInterface
public interface PromptFormat {

    /** The text before the response. */
    String prompt(InstructionRecord record);

    /** The response the model should write after the prompt: the record's output. */
    default String response(InstructionRecord record) {
        return record.output();
    }
}
