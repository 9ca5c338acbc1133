package org.lmlab.finetune.instruct;

/** The built-in prompt formats. */
public final class Prompts {

    /** The name of {@link #ALPACA}. */
    public static final String ALPACA_NAME = "alpaca";

    /** The name of {@link #PHI3}. */
    public static final String PHI3_NAME = "phi3";

    /** The Alpaca preamble the book's {@code format_input} starts with. */
    public static final String ALPACA_PREAMBLE = "Below is an instruction that describes a task. "
            + "Write a response that appropriately completes the request.";

    /**
     * The book's chapter-7 format: the preamble, {@code \n\n### Instruction:\n...}, then
     * {@code \n\n### Input:\n...} only when the input is not empty, then {@code \n\n### Response:\n}.
     */
    public static final PromptFormat ALPACA = record -> ALPACA_PREAMBLE
            + "\n\n### Instruction:\n" + record.instruction()
            + (record.input().isEmpty() ? "" : "\n\n### Input:\n" + record.input())
            + "\n\n### Response:\n";

    /** Phi-3's chat style (the book's exercise 7.1): {@code <|user|>\n...\n<|assistant|>\n}, the input on its own line. */
    public static final PromptFormat PHI3 = record -> "<|user|>\n" + record.instruction()
            + (record.input().isEmpty() ? "" : "\n" + record.input())
            + "\n<|assistant|>\n";

    private Prompts() {
    }
}
