package org.lmlab.finetune.instruct;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.generate.Generator;
import org.lmlab.models.generate.SamplingConfig;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;

/**
 * The model's answers to records, as the book's chapter 7 collects them: the record's prompt,
 * greedy decoding with the KV cache until end of text or {@code maxNewTokens}, the new tokens
 * decoded and stripped of surrounding white space; written back as the records plus
 * {@code model_response}. Records are decoded in batches, with exactly the one-at-a-time tokens.
 */
public final class InstructionResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InstructionResponses() {
    }

    /**
     * Records whose responses are decoded together: a step reads every weight once whatever the
     * batch, so the 110 test responses of an instruction run cost about seven batched passes
     * instead of 110 single ones, and each response is still token for token the one-at-a-time
     * response ({@link Generator#generate(List, SamplingConfig, int, int)}).
     */
    public static final int BATCH = Generator.DEFAULT_BATCH;

    /** The response to each record, in order, decoded {@value #BATCH} records at a time. */
    public static List<String> generate(LanguageModel model, Tokenizer tokenizer, PromptFormat format,
            List<InstructionRecord> records, int maxNewTokens, NDManager manager) {
        return generate(model, tokenizer, format, records, maxNewTokens, manager, BATCH);
    }

    /** As {@link #generate(LanguageModel, Tokenizer, PromptFormat, List, int, NDManager)}, {@code batch} records at a time. */
    public static List<String> generate(LanguageModel model, Tokenizer tokenizer, PromptFormat format,
            List<InstructionRecord> records, int maxNewTokens, NDManager manager, int batch) {
        int end = tokenizer.specialTokens().id(SpecialTokens.Role.END_OF_TEXT).orElse(-1);
        SamplingConfig greedy = new SamplingConfig(maxNewTokens, 0f, 0, 1f, 0L, end);
        List<int[]> prompts = new ArrayList<>(records.size());
        for (InstructionRecord record : records) {
            prompts.add(tokenizer.encode(format.prompt(record)));
        }
        List<String> responses = new ArrayList<>(records.size());
        for (int[] continuation : new Generator(model, manager).generate(prompts, greedy, Integer.MAX_VALUE, batch)) {
            responses.add(tokenizer.decode(continuation).strip());
        }
        return responses;
    }

    /** Writes the records, each with all its fields and its {@code model_response}, as a JSON array. */
    public static void write(Path file, List<InstructionRecord> records, List<String> responses) throws IOException {
        if (records.size() != responses.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + responses.size() + " responses");
        }
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < records.size(); i++) {
            ObjectNode copy = records.get(i).fields().deepCopy();
            copy.put("model_response", responses.get(i));
            array.add(copy);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), array);
    }
}
