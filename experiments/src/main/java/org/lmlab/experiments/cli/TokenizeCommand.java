package org.lmlab.experiments.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jakarta.inject.Inject;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lmlab tokenize}: one output line of token ids (or token strings) per input line, so
 * other tools can compare lmlab's tokenizers with their references line by line. The ids are
 * those the tokenizer's reference gives one document: tiktoken's {@code encode_ordinary} for
 * gpt2 ({@code encode} with every special token allowed under {@code --allow-special});
 * Hugging Face's {@code encode} for bert-base-uncased and tokenizer.json files, framing
 * ({@code [CLS] ... [SEP]}) included and special strings always recognised, as there. Blocks
 * of lines are tokenised on every processor and written in input order ({@link OrderedEncoding}).
 */
@Command(
        name = "tokenize",
        mixinStandardHelpOptions = true,
        description = {
            "Tokenize UTF-8 text: for each input line, one output line of token ids separated by single spaces.",
            "Lines end at \\n only; N newline-terminated lines give N output lines; an empty line gives an empty line."
        })
final class TokenizeCommand implements Callable<Integer> {

    private final Tokenizers tokenizers;
    private final OrderedEncoding encoding;

    @Inject
    TokenizeCommand(Tokenizers tokenizers) {
        this(tokenizers, OrderedEncoding.standard());
    }

    /** With a chosen sharing of the work (tests compare one thread with several). */
    TokenizeCommand(Tokenizers tokenizers, OrderedEncoding encoding) {
        this.tokenizers = tokenizers;
        this.encoding = encoding;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--tokenizer", required = true, paramLabel = "NAME|PATH",
            description = "gpt2, bert-base-uncased, a BPE directory (encoder.json + vocab.bpe), a tokenizer.json file,"
                    + " or TYPE:PATH for a kind that reads a file (char:FILE, regex-word:FILE, bpe:DIR, hf-json:FILE).")
    private String tokenizerName;

    @Option(names = "--input", paramLabel = "FILE", description = "Read this UTF-8 file instead of standard input.")
    private Path input;

    @Option(names = "--allow-special", description = "Read special-token strings such as <|endoftext|> as their tokens.")
    private boolean allowSpecial;

    @Option(names = "--tokens", description = "Write the token strings (e.g. Ġthe) instead of the ids.")
    private boolean tokens;

    @Override
    public Integer call() throws IOException {
        if (input != null && Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input: " + input + " is a directory; give a UTF-8 text file");
        }
        Tokenizer tokenizer = tokenizers.resolve(tokenizerName);
        if (input == null) {
            Terminal.noticeReadingStdin(spec.commandLine().getErr(), "tokenize", "--input FILE reads a file");
        }
        try (InputStream in = input == null ? System.in : Files.newInputStream(input)) {
            PrintWriter out = spec.commandLine().getOut();
            encoding.run(in, new BlockEncoder(tokenizer, allowSpecial, tokens), out,
                    input == null ? "<stdin>" : input.toString());
            out.flush();
        } finally {
            if (tokenizer instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
        return 0;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing a native tokenizer at exit; nothing useful to report
        }
    }
}
