package org.lmlab.finetune.instruct;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.ExampleSet;
import org.lmlab.training.objective.HostBatch;

/**
 * Records as training examples: the tokens are the prompt's ids followed by the response's
 * (each encoded on its own, so the prompt's ids are exactly those generation starts from), and
 * the per-token targets mark the prompt with {@value HostBatch#IGNORE} and repeat the response
 * ids, which is how the {@code instruction} objective knows what {@code mask_prompt} hides. No
 * end-of-text token is added here: the objective appends it when it batches.
 */
public final class InstructionExamples {

    private InstructionExamples() {
    }

    /** One record's example. */
    public static Example of(InstructionRecord record, PromptFormat format, Tokenizer tokenizer) {
        int[] prompt = tokenizer.encode(format.prompt(record));
        int[] response = tokenizer.encode(format.response(record));
        int[] tokens = new int[prompt.length + response.length];
        int[] targets = new int[tokens.length];
        System.arraycopy(prompt, 0, tokens, 0, prompt.length);
        System.arraycopy(response, 0, tokens, prompt.length, response.length);
        java.util.Arrays.fill(targets, 0, prompt.length, HostBatch.IGNORE);
        System.arraycopy(response, 0, targets, prompt.length, response.length);
        return new Example(tokens, targets);
    }

    /** The examples of many records, in order, held in memory. */
    public static ExampleSet of(List<InstructionRecord> records, PromptFormat format, Tokenizer tokenizer) {
        List<Example> examples = new ArrayList<>(records.size());
        records.forEach(record -> examples.add(of(record, format, tokenizer)));
        List<Example> fixed = List.copyOf(examples);
        return new ExampleSet() {
            @Override
            public int size() {
                return fixed.size();
            }

            @Override
            public Example get(int index) {
                return fixed.get(index);
            }
        };
    }
}
