package org.lmlab.tokenizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.multibindings.MapBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.tokenizers.bpe.BpeFiles;
import org.lmlab.tokenizers.bpe.BpeTrainer;
import org.lmlab.tokenizers.bpe.ByteLevelBpeTokenizer;
import org.lmlab.tokenizers.bpe.Gpt2Vocabulary;
import org.lmlab.tokenizers.hf.HuggingFaceJsonTokenizer;
import org.lmlab.tokenizers.simple.CharTokenizer;
import org.lmlab.tokenizers.simple.RegexWordTokenizer;
import org.lmlab.tokenizers.wordpiece.WordPieceTokenizer;

/** The registry: every kind by name, paths resolved by what they hold, unknown names listed. */
class TokenizersTest {

    private final Tokenizers tokenizers = Tokenizers.standard();

    @Test
    void everyKindIsRegisteredByName() {
        assertEquals(Set.of("gpt2", "bert-base-uncased", "bpe", "regex-word", "char", "hf-json"), tokenizers.names());
        assertEquals(tokenizers.names(), tokenizers.descriptions().keySet());
    }

    @Test
    void bundledKindsNeedNoPathAndAreShared() throws IOException {
        assertSame(Gpt2Vocabulary.tokenizer(), tokenizers.create(TokenizerSpec.named("gpt2")));
        assertInstanceOf(WordPieceTokenizer.class, tokenizers.resolve("bert-base-uncased"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tokenizers.create(TokenizerSpec.of("gpt2", Path.of("x"))));
        assertEquals("tokenizer gpt2 takes no path, got x", e.getMessage());
    }

    @Test
    void kindsBuiltFromFilesNeedAPath(@TempDir Path directory) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizers.create(TokenizerSpec.named("char")));
        assertEquals("tokenizer char needs a path: character tokenizer with the characters of a UTF-8 text file", e.getMessage());
        Path text = Files.writeString(directory.resolve("text.txt"), "hello, world");
        assertInstanceOf(CharTokenizer.class, tokenizers.create(TokenizerSpec.of("char", text)));
        assertInstanceOf(RegexWordTokenizer.class, tokenizers.create(TokenizerSpec.of("regex-word", text)));
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizers.create(TokenizerSpec.named("gpt5")));
        assertEquals("unknown tokenizer 'gpt5'; known: bert-base-uncased, bpe, char, gpt2, hf-json, regex-word", e.getMessage());
        IllegalArgumentException resolve = assertThrows(IllegalArgumentException.class, () -> tokenizers.resolve("gpt5"));
        assertEquals("unknown tokenizer 'gpt5': not a name (bert-base-uncased, bpe, char, gpt2, hf-json, regex-word), "
                + "TYPE:PATH for a kind that reads a file, a BPE directory (encoder.json + vocab.bpe) or a tokenizer.json file",
                resolve.getMessage());
    }

    @Test
    void everyKindThatReadsAFileResolvesAsTypeColonPath(@TempDir Path directory) throws IOException {
        Path text = Files.writeString(directory.resolve("text.txt"), "hello, world");
        assertInstanceOf(CharTokenizer.class, tokenizers.resolve("char:" + text));
        assertInstanceOf(RegexWordTokenizer.class, tokenizers.resolve("regex-word:" + text));
        assertEquals(TokenizerSpec.of("char", text), tokenizers.spec("char:" + text));
        Path bpe = directory.resolve("bpe");
        BpeFiles.write(new BpeTrainer(new BpeTrainer.Settings(300, List.of())).train("aaabdaaabac"), bpe);
        assertInstanceOf(ByteLevelBpeTokenizer.class, tokenizers.resolve("bpe:" + bpe));
        HuggingFaceJsonTokenizer json = (HuggingFaceJsonTokenizer) tokenizers.resolve("hf-json:" + bpe.resolve("tokenizer.json"));
        json.close();
    }

    @Test
    void aMissingPathSaysNoSuchFileNotUnknownTokenizer(@TempDir Path directory) {
        String missing = directory.resolve("nope.json").toString();
        NoSuchFileException json = assertThrows(NoSuchFileException.class, () -> tokenizers.resolve(missing));
        assertEquals(missing + ": no such tokenizer file or directory", json.getMessage());
        NoSuchFileException typed = assertThrows(NoSuchFileException.class, () -> tokenizers.resolve("char:" + missing));
        assertEquals(missing + ": no such file or directory for tokenizer char", typed.getMessage());
    }

    @Test
    void pathsResolveByWhatTheyHold(@TempDir Path directory) throws IOException {
        Path bpe = directory.resolve("bpe");
        BpeFiles.write(new BpeTrainer(new BpeTrainer.Settings(300, List.of())).train("aaabdaaabac"), bpe);
        Tokenizer fromDirectory = tokenizers.resolve(bpe.toString());
        assertInstanceOf(ByteLevelBpeTokenizer.class, fromDirectory);
        assertEquals(263, fromDirectory.vocabSize());
        Tokenizer fromJson = tokenizers.resolve(bpe.resolve("tokenizer.json").toString());
        assertInstanceOf(HuggingFaceJsonTokenizer.class, fromJson);
        assertArrayEquals(fromDirectory.encode("aaab aaac"), fromJson.encode("aaab aaac"));
        ((HuggingFaceJsonTokenizer) fromJson).close();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> tokenizers.resolve(directory.toString()));
        assertEquals("directory " + directory + " has no encoder.json and vocab.bpe, so it is not a BPE vocabulary", empty.getMessage());
    }

    @Test
    void anotherModuleCanAddAKind() throws IOException {
        Tokenizer fixed = Gpt2Vocabulary.tokenizer();
        Tokenizers extended = Guice.createInjector(new TokenizersModule(), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, TokenizerFactory.class).addBinding("mine").toInstance(new TokenizerFactory() {
                    @Override
                    public Tokenizer create(TokenizerSpec spec) {
                        return fixed;
                    }

                    @Override
                    public String description() {
                        return "a test kind";
                    }
                });
            }
        }).getInstance(Tokenizers.class);
        assertSame(fixed, extended.resolve("mine"));
        assertEquals(7, extended.names().size());
    }
}
