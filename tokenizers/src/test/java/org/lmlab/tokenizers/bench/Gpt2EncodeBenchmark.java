package org.lmlab.tokenizers.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.lmlab.tokenizers.Fixtures;
import org.lmlab.tokenizers.bpe.ByteLevelBpeTokenizer;
import org.lmlab.tokenizers.bpe.Gpt2Vocabulary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * GPT-2 encode speed of lmlab against jtokkit's r50k_base (GPT-2's encoding in pure Java) and
 * DJL's HuggingFaceTokenizer (Hugging Face's Rust library over JNI, with data/gpt2/tokenizer.json),
 * on the same texts in the same run: tiny Shakespeare as one text, the 2,885 fixture documents
 * one call each, and a single random word of 10,000 letters. One operation encodes the whole
 * corpus; MB/s = corpus bytes / time per operation (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Gpt2EncodeBenchmark {

    /** Which text: tiny Shakespeare (one string), the fixture documents, or one long word. */
    @Param({"tinyshakespeare", "fixtures", "word10k"})
    public String corpus;

    private List<String> documents;
    private ByteLevelBpeTokenizer lmlab;
    private Encoding jtokkit;
    private HuggingFaceTokenizer huggingFace;

    @Setup
    public void load() throws IOException {
        documents = documents(corpus);
        lmlab = Gpt2Vocabulary.tokenizer();
        jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
        huggingFace = HuggingFaceTokenizer.builder().optTokenizerPath(dataFile("gpt2/tokenizer.json"))
                .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
        long bytes = documents.stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
        int jtokkitDiffers = 0;
        int huggingFaceDiffers = 0;
        for (String document : documents) {
            int[] ours = lmlab.encode(document);
            jtokkitDiffers += Arrays.equals(ours, jtokkit.encodeOrdinary(document).toArray()) ? 0 : 1;
            huggingFaceDiffers += Arrays.equals(ours, toInts(huggingFace.encode(document, false, false).getIds())) ? 0 : 1;
        }
        System.out.printf("%n[corpus %s: %d documents, %d UTF-8 bytes; documents whose ids differ from lmlab: jtokkit %d, "
                + "HuggingFace %d]%n", corpus, documents.size(), bytes, jtokkitDiffers, huggingFaceDiffers);
    }

    @TearDown
    public void close() {
        huggingFace.close();
    }

    @Benchmark
    public void lmlab(Blackhole sink) {
        for (String document : documents) {
            sink.consume(lmlab.encode(document));
        }
    }

    /** lmlab with an empty piece cache at the start of every operation. */
    @Benchmark
    public void lmlabColdCache(Blackhole sink) {
        ByteLevelBpeTokenizer fresh = new ByteLevelBpeTokenizer(lmlab.model());
        for (String document : documents) {
            sink.consume(fresh.encode(document));
        }
    }

    @Benchmark
    public void jtokkit(Blackhole sink) {
        for (String document : documents) {
            IntArrayList ids = jtokkit.encodeOrdinary(document);
            sink.consume(ids);
        }
    }

    @Benchmark
    public void huggingFace(Blackhole sink) {
        for (String document : documents) {
            sink.consume(huggingFace.encode(document, false, false).getIds());
        }
    }

    private static List<String> documents(String corpus) throws IOException {
        switch (corpus) {
            case "tinyshakespeare":
                return List.of(Files.readString(dataFile("tinyshakespeare.txt")));
            case "fixtures":
                return Fixtures.documents().stream().map(Fixtures.Document::text).toList();
            case "word10k":
                Random random = new Random(42);
                StringBuilder word = new StringBuilder(10_000);
                for (int i = 0; i < 10_000; i++) {
                    word.append((char) ('a' + random.nextInt(26)));
                }
                return List.of(word.toString());
            default:
                throw new IllegalArgumentException("unknown corpus " + corpus);
        }
    }

    private static Path dataFile(String relative) {
        return Path.of(System.getProperty("lmlab.root", "."), "data", relative);
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }
}
