package org.lmlab.finetune.classify;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.ExampleSet;

/**
 * Labelled items as trainer examples: the text's token ids (encoded as plain text, special-token
 * strings included; framing and truncation are the objective's) and the class id as the one
 * target. Held in memory, in split order.
 */
public final class ClassificationExamples implements ExampleSet {

    private final List<Example> examples;

    private ClassificationExamples(List<Example> examples) {
        this.examples = List.copyOf(examples);
    }

    /**
     * The examples of these items.
     *
     * @param source named in errors (the file)
     * @throws IllegalArgumentException naming the file and line of a text with no tokens
     */
    public static ClassificationExamples of(List<LabelledItem> items, Labels labels, Tokenizer tokenizer, String source) {
        List<Example> examples = new ArrayList<>(items.size());
        for (LabelledItem item : items) {
            int[] tokens = tokenizer.encode(item.text());
            if (tokens.length == 0) {
                throw new IllegalArgumentException(source + ": line " + item.id() + ": the text has no tokens for this tokenizer");
            }
            examples.add(new Example(tokens, new int[] {labels.id(item.label())}));
        }
        return new ClassificationExamples(examples);
    }

    /** Examples of texts whose class is not known (inference): target 0, which only the loss would read. */
    public static ClassificationExamples unlabelled(List<int[]> tokenRows) {
        return new ClassificationExamples(tokenRows.stream().map(ids -> new Example(ids, new int[] {0})).toList());
    }

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public Example get(int index) {
        return examples.get(index);
    }

    /** All examples, in order. */
    public List<Example> all() {
        return examples;
    }
}
