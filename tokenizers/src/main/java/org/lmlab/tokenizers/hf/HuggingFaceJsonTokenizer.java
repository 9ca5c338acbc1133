package org.lmlab.tokenizers.hf;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerFileException;
import org.lmlab.tokenizers.text.KnownSpecialTokens;
import org.lmlab.tokenizers.text.TokenIds;

/**
 * Any Hugging Face {@code tokenizer.json}, run by the Rust tokenizers library through DJL's
 * {@code HuggingFaceTokenizer} (offline: the native library ships in DJL's jar). DJL types
 * stay inside this class.
 *
 * <p>Hugging Face recognises a file's added tokens anywhere in the text and has no switch to
 * read them as plain text, so {@link #encode} refuses, with an error naming the token, a text
 * that contains one of the file's special-token strings rather than return ids the reference
 * would not give; {@link #encodeAllowingSpecial} accepts any text. {@link #encodeAsReference}
 * adds the file's own framing (its post-processor), like Hugging Face's {@code encode(text)}.
 */
public final class HuggingFaceJsonTokenizer implements Tokenizer, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final String[] tokens;
    private final Map<String, Integer> specials;
    private final SpecialTokens specialTokens;
    private final String source;

    private HuggingFaceJsonTokenizer(HuggingFaceTokenizer tokenizer, String[] tokens, Map<String, Integer> specials,
            String source) {
        this.tokenizer = tokenizer;
        this.tokens = tokens;
        this.specials = specials;
        this.specialTokens = KnownSpecialTokens.rolesOf(specials);
        this.source = source;
    }

    /** Loads a {@code tokenizer.json}; a missing or malformed file is an error naming it. */
    public static HuggingFaceJsonTokenizer load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new TokenizerFileException(file.toString(), line, "not valid JSON: " + e.getOriginalMessage());
        }
        Map<Integer, String> byId = new HashMap<>();
        Map<String, Integer> specials = new LinkedHashMap<>();
        readVocabulary(root, file, byId);
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt(-1);
            String content = added.path("content").asText(null);
            if (id < 0 || content == null) {
                throw new TokenizerFileException(file.toString(), "an added token has no id or content: " + added);
            }
            byId.put(id, content);
            if (added.path("special").asBoolean(false)) {
                specials.put(content, id);
            }
        }
        int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] tokens = new String[size];
        byId.forEach((id, token) -> tokens[id] = token);
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (RuntimeException e) {
            throw new TokenizerFileException(file.toString(), "Hugging Face tokenizers cannot load it: " + e.getMessage(), e);
        }
        return new HuggingFaceJsonTokenizer(tokenizer, tokens, Map.copyOf(specials), file.toString());
    }

    private static void readVocabulary(JsonNode root, Path file, Map<Integer, String> byId) throws TokenizerFileException {
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            vocab.properties().forEach(entry -> byId.put(entry.getValue().asInt(), entry.getKey()));
        } else if (vocab.isArray()) {
            int id = 0;
            for (JsonNode piece : vocab) {
                byId.put(id++, piece.isArray() ? piece.path(0).asText() : piece.asText());
            }
        } else {
            throw new TokenizerFileException(file.toString(), "no model.vocab object or array");
        }
    }

    @Override
    public int[] encode(String text) {
        for (String special : specials.keySet()) {
            if (text.contains(special)) {
                throw new IllegalArgumentException(source + ": the text contains the special token " + special
                        + ", which Hugging Face always reads as that token; use encodeAllowingSpecial");
            }
        }
        return encodeAllowingSpecial(text);
    }

    @Override
    public int[] encodeAllowingSpecial(String text) {
        return toInts(tokenizer.encode(text, false, false).getIds());
    }

    @Override
    public int[] encodeAsReference(String text, boolean allowSpecial) {
        return toInts(tokenizer.encode(text, true, false).getIds());
    }

    @Override
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = checked(ids[i]);
        }
        return tokenizer.decode(longs, false);
    }

    @Override
    public String token(int id) {
        String token = tokens[checked(id)];
        if (token == null) {
            throw new IllegalArgumentException(source + ": no token has id " + id);
        }
        return token;
    }

    @Override
    public int vocabSize() {
        return tokens.length;
    }

    @Override
    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** Frees the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }

    private int checked(int id) {
        return TokenIds.checked(id, tokens.length);
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
