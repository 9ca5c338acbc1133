package org.lmlab.finetune.instruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.data.DataRequest;
import org.lmlab.training.data.DataSources;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.PreparedData;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.objective.HostBatch;

/**
 * The bundled instruction records, their seeded 85/10/5 split (935 train, 110 test, 55
 * validation of 1,100), the two prompt formats as exact strings, the data source through the
 * injector, and every malformed record refused with its file, index and line.
 */
class InstructionDataTest {

    static final Path BUNDLED = Path.of(System.getProperty("lmlab.root", ".."), "data", "instruction-data.json");

    @TempDir
    Path temp;

    @Test
    void theBundledFileHoldsElevenHundredRecordsWithTheirLines() throws IOException {
        List<InstructionRecord> records = InstructionFile.read(BUNDLED);
        assertEquals(1100, records.size());
        assertEquals(325, records.stream().filter(record -> !record.input().isEmpty()).count());
        InstructionRecord third = records.get(2);
        assertEquals(2, third.index());
        assertEquals(12, third.line());
        assertEquals("Convert 45 kilometers to meters.", third.instruction());
        assertEquals("", third.input());
        assertEquals("45 kilometers is 45000 meters.", third.output());
    }

    @Test
    void theSplitIs935Train55Validation110TestAndTheSameSeedGivesTheSameSplit() throws IOException {
        List<InstructionRecord> records = InstructionFile.read(BUNDLED);
        InstructionSplit split = InstructionSplit.of(records, 123);
        assertEquals(935, split.train().size());
        assertEquals(55, split.validation().size());
        assertEquals(110, split.test().size());
        TreeSet<Integer> all = new TreeSet<>();
        Stream.of(split.train(), split.validation(), split.test()).flatMap(List::stream).forEach(record -> all.add(record.index()));
        assertEquals(1100, all.size(), "every record in exactly one part");

        InstructionSplit again = InstructionSplit.of(InstructionFile.read(BUNDLED), 123);
        assertEquals(indices(split.train()), indices(again.train()));
        assertEquals(indices(split.validation()), indices(again.validation()));
        assertEquals(indices(split.test()), indices(again.test()));
        assertNotEquals(indices(split.test()), indices(InstructionSplit.of(records, 124).test()));
        // Ten records: floor(8.5) = 8 train, floor(1) = 1 test, 1 validation.
        InstructionSplit small = InstructionSplit.of(records.subList(0, 10), 1);
        assertEquals(List.of(8, 1, 1), List.of(small.train().size(), small.test().size(), small.validation().size()));
    }

    @Test
    void alpacaAndPhi3PromptsAreTheBooksStrings() throws IOException {
        List<InstructionRecord> records = InstructionFile.read(BUNDLED);
        assertEquals("Below is an instruction that describes a task. Write a response that appropriately completes the request."
                + "\n\n### Instruction:\nEvaluate the following phrase by transforming it into the spelling given."
                + "\n\n### Input:\nfreind --> friend\n\n### Response:\n", Prompts.ALPACA.prompt(records.get(0)));
        assertEquals("Below is an instruction that describes a task. Write a response that appropriately completes the request."
                + "\n\n### Instruction:\nConvert 45 kilometers to meters.\n\n### Response:\n", Prompts.ALPACA.prompt(records.get(2)));
        assertEquals("<|user|>\nEvaluate the following phrase by transforming it into the spelling given.\nfreind --> friend"
                + "\n<|assistant|>\n", Prompts.PHI3.prompt(records.get(0)));
        assertEquals("<|user|>\nConvert 45 kilometers to meters.\n<|assistant|>\n", Prompts.PHI3.prompt(records.get(2)));
        assertEquals("45 kilometers is 45000 meters.", Prompts.PHI3.response(records.get(2)));
    }

    @Test
    void anExampleIsThePromptsIdsThenTheResponsesWithThePromptMarked() throws IOException {
        Tokenizer gpt2 = Tokenizers.standard().resolve("gpt2");
        InstructionRecord record = InstructionFile.read(BUNDLED).get(2);
        Example example = InstructionExamples.of(record, Prompts.ALPACA, gpt2);
        int[] prompt = gpt2.encode(Prompts.ALPACA.prompt(record));
        int[] response = gpt2.encode(record.output());
        assertArrayEquals(prompt, Arrays.copyOfRange(example.tokens(), 0, prompt.length));
        assertArrayEquals(response, Arrays.copyOfRange(example.tokens(), prompt.length, example.tokens().length));
        assertEquals(prompt.length, IntStream.of(example.targets()).filter(t -> t == HostBatch.IGNORE).count());
        assertArrayEquals(response, Arrays.copyOfRange(example.targets(), prompt.length, example.targets().length));
        assertEquals(Prompts.ALPACA.prompt(record) + record.output(), gpt2.decode(example.tokens()));
    }

    @Test
    void theDataSourceGivesTrainingAndValidationExamplesThroughTheInjector() throws IOException {
        Injector injector = Guice.createInjector(new InstructionModule(), new TokenizersModule());
        Tokenizer gpt2 = injector.getInstance(Tokenizers.class).resolve("gpt2");
        PreparedData prepared = injector.getInstance(DataSources.class).prepare(
                InstructionsConfig.of(BUNDLED.toString(), "phi3", 123),
                new DataRequest(gpt2, "gpt2", 1024, 1025, new TokenCache(temp.resolve("cache"))));
        assertEquals(935, prepared.data().train().size());
        assertEquals(55, prepared.data().validation().size());
        assertEquals("7e09a9af353722ca15c18bc580f093f9c39d3178335a75177319cb1e1d163944", prepared.fingerprint());
        InstructionRecord first = InstructionSplit.of(InstructionFile.read(BUNDLED), 123).train().get(0);
        assertEquals(InstructionExamples.of(first, Prompts.PHI3, gpt2), prepared.data().train().get(0));
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> injector.getInstance(DataSources.class)
                .prepare(InstructionsConfig.of(BUNDLED.toString(), "chatml", 123), null));
        assertEquals("data.format: unknown type 'chatml'; known: alpaca, phi3", format.getMessage());
    }

    @Test
    void jsonlRecordsMayLackAnInputAndKeepTheirOtherFields() throws IOException {
        Path file = temp.resolve("records.jsonl");
        Files.writeString(file, "{\"instruction\": \"Say hi.\", \"output\": \"Hi.\", \"id\": 7}\n\n"
                + "{\"instruction\": \"Add 2 and 3.\", \"input\": null, \"output\": \"5\"}\n");
        List<InstructionRecord> records = InstructionFile.read(file);
        assertEquals(2, records.size());
        assertEquals("", records.get(0).input());
        assertEquals(7, records.get(0).fields().get("id").asInt());
        assertEquals(3, records.get(1).line());
        assertEquals("", records.get(1).input());
    }

    @Test
    void aMalformedRecordIsNamedByFileRecordAndLine() throws IOException {
        assertEquals(": record 1 (line 3): no \"instruction\" field",
                refusal("[\n  {\"instruction\": \"a\", \"input\": \"\", \"output\": \"b\"},\n  {\"input\": \"x\", \"output\": \"y\"}\n]\n"));
        assertEquals(": record 0 (line 1): no \"output\" field", refusal("{\"instruction\": \"a\"}\n"));
        assertEquals(": record 1 (line 2): \"instruction\" must be a string, got number",
                refusal("{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": 5, \"output\": \"b\"}\n"));
        assertEquals(": record 0 (line 1): not a JSON object", refusal("[\"just text\"]"));
        assertEquals(": no instruction records (expected a JSON array of objects or JSONL)", refusal("[]"));
        String broken = refusal("[\n  {\"instruction\": \"a\", \"output\": \"b\"\n");
        assertEquals(": line 3: not valid JSON: ", broken.substring(0, broken.indexOf("JSON: ") + 6));
    }

    private String refusal(String content) throws IOException {
        Path file = temp.resolve("bad-" + content.hashCode() + ".json");
        Files.writeString(file, content);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> InstructionFile.read(file));
        assertEquals(file.toString(), refused.getMessage().substring(0, file.toString().length()), refused.getMessage());
        return refused.getMessage().substring(file.toString().length());
    }

    private static List<Integer> indices(List<InstructionRecord> records) {
        return records.stream().map(InstructionRecord::index).toList();
    }
}
