package org.lmlab.eval.judge;

/**
 * The judge's prompt from the book's chapter 7: the instruction in the Alpaca format the model
 * was tuned with (its {@code format_input}: the preamble, {@code ### Instruction:} and, for a
 * non-empty input, {@code ### Input:}), the correct output, the model's response, and the request
 * for a bare integer from 0 to 100.
 */
public final class JudgePrompt {

    private static final String PREAMBLE = "Below is an instruction that describes a task. "
            + "Write a response that appropriately completes the request.";

    private JudgePrompt() {
    }

    /** The instruction and input as the model saw them (the book's {@code format_input}). */
    public static String formatInput(String instruction, String input) {
        String text = PREAMBLE + "\n\n### Instruction:\n" + instruction;
        return input == null || input.isEmpty() ? text : text + "\n\n### Input:\n" + input;
    }

    /** The whole prompt for one response. */
    public static String of(String instruction, String input, String reference, String response) {
        return "Given the input `" + formatInput(instruction, input) + "` "
                + "and correct output `" + reference + "`, "
                + "score the model response `" + response + "`"
                + " on a scale from 0 to 100, where 100 is the best score. "
                + "Respond with the integer number only.";
    }
}
