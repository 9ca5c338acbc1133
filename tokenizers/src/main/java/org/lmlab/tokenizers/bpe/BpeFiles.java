package org.lmlab.tokenizers.bpe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.tokenizers.TokenizerFileException;
import org.lmlab.tokenizers.text.TextFiles;

/**
 * Reads and writes byte-level BPE vocabularies in OpenAI's GPT-2 layout: {@code encoder.json}
 * (token text to id) and {@code vocab.bpe} (a {@code #version} line, then one merge per line
 * in rank order). {@link #write} also writes a Hugging Face {@code tokenizer.json} for the
 * same vocabulary. Every problem names the file and, where there is one, the line.
 */
public final class BpeFiles {

    /** The vocabulary file name. */
    public static final String ENCODER = "encoder.json";
    /** The merges file name. */
    public static final String MERGES = "vocab.bpe";
    /** The Hugging Face tokenizer file name. */
    public static final String HF_TOKENIZER = "tokenizer.json";

    private static final JsonFactory JSON = new JsonFactory();

    private BpeFiles() {
    }

    /** True if a directory holds both {@code encoder.json} and {@code vocab.bpe}. */
    public static boolean isBpeDirectory(Path directory) {
        return Files.isRegularFile(directory.resolve(ENCODER)) && Files.isRegularFile(directory.resolve(MERGES));
    }

    /** The model in {@code directory/encoder.json} and {@code directory/vocab.bpe}. */
    public static BpeModel read(Path directory) throws IOException {
        Path encoder = directory.resolve(ENCODER);
        Path merges = directory.resolve(MERGES);
        try (InputStream encoderIn = Files.newInputStream(encoder); InputStream mergesIn = Files.newInputStream(merges)) {
            return read(encoderIn, encoder.toString(), mergesIn, merges.toString());
        }
    }

    /** The model from two streams; the names are used in error messages. */
    public static BpeModel read(InputStream encoder, String encoderName, InputStream merges, String mergesName)
            throws IOException {
        Map<String, Integer> vocab = readEncoder(encoder, encoderName);
        List<String> tokens = tokensById(vocab, encoderName);
        List<int[]> mergeIds = readMerges(merges, mergesName, vocab);
        try {
            return BpeModel.of(tokens, mergeIds);
        } catch (IllegalArgumentException e) {
            throw new TokenizerFileException(encoderName + " + " + mergesName, e.getMessage());
        }
    }

    private static Map<String, Integer> readEncoder(InputStream in, String name) throws IOException {
        Map<String, Integer> vocab = new HashMap<>(100_000);
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TokenizerFileException(name, "expected a JSON object of token to id");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String text = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                    throw at(name, parser, "the id of \"" + text + "\" is not an integer");
                }
                long id = parser.getLongValue();
                if (id < 0 || id > Integer.MAX_VALUE - 1) {
                    throw at(name, parser, "the id of \"" + text + "\" is out of range: " + id);
                }
                if (vocab.put(text, (int) id) != null) {
                    throw at(name, parser, "token \"" + text + "\" appears twice");
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw at(name, parser, "expected a JSON object of token to id");
            }
            if (parser.nextToken() != null) {
                throw at(name, parser, "unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new TokenizerFileException(name, line, "not valid JSON: " + e.getOriginalMessage());
        } catch (CharacterCodingException e) {
            throw new TokenizerFileException(name, "not valid UTF-8", e);
        }
        if (vocab.isEmpty()) {
            throw new TokenizerFileException(name, "the vocabulary is empty");
        }
        return vocab;
    }

    private static TokenizerFileException at(String name, JsonParser parser, String problem) {
        return new TokenizerFileException(name, parser.currentLocation().getLineNr(), problem);
    }

    private static List<String> tokensById(Map<String, Integer> vocab, String name) throws TokenizerFileException {
        String[] byId = new String[vocab.size()];
        for (Map.Entry<String, Integer> entry : vocab.entrySet()) {
            int id = entry.getValue();
            if (id >= byId.length) {
                throw new TokenizerFileException(name, "ids must run from 0 to " + (byId.length - 1)
                        + " without gaps, but \"" + entry.getKey() + "\" has id " + id);
            }
            if (byId[id] != null) {
                throw new TokenizerFileException(name, "id " + id + " is given to both \"" + byId[id]
                        + "\" and \"" + entry.getKey() + "\"");
            }
            byId[id] = entry.getKey();
        }
        return List.of(byId);
    }

    private static List<int[]> readMerges(InputStream in, String name, Map<String, Integer> vocab) throws IOException {
        List<int[]> merges = new ArrayList<>(vocab.size());
        String[] lines = TextFiles.decode(in.readAllBytes(), name).split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            long lineNumber = index + 1;
            if (line.isEmpty() || (lineNumber == 1 && line.startsWith("#version"))) {
                continue;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new TokenizerFileException(name, lineNumber, "expected two tokens separated by one space, got \"" + line + "\"");
            }
            Integer left = vocab.get(parts[0]);
            Integer right = vocab.get(parts[1]);
            Integer result = vocab.get(parts[0] + parts[1]);
            if (left == null || right == null || result == null) {
                String missing = left == null ? parts[0] : right == null ? parts[1] : parts[0] + parts[1];
                throw new TokenizerFileException(name, lineNumber, "token \"" + missing + "\" is not in the vocabulary");
            }
            merges.add(new int[] {left, right, result});
        }
        return merges;
    }

    /** Writes {@code encoder.json}, {@code vocab.bpe} and {@code tokenizer.json} into a directory (created if needed). */
    public static void write(BpeModel model, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (OutputStream out = Files.newOutputStream(directory.resolve(ENCODER));
                JsonGenerator json = JSON.createGenerator(out)) {
            writeVocab(model, json);
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve(MERGES), StandardCharsets.UTF_8)) {
            out.write("#version: 0.2\n");
            for (int rank = 0; rank < model.mergeCount(); rank++) {
                int[] merge = model.merge(rank);
                out.write(model.token(merge[0]) + " " + model.token(merge[1]) + "\n");
            }
        }
        try (OutputStream out = Files.newOutputStream(directory.resolve(HF_TOKENIZER));
                JsonGenerator json = JSON.createGenerator(out)) {
            writeHuggingFace(model, json);
        }
    }

    private static void writeVocab(BpeModel model, JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (int id = 0; id < model.size(); id++) {
            json.writeNumberField(model.token(id), id);
        }
        json.writeEndObject();
    }

    private static void writeHuggingFace(BpeModel model, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("version", "1.0");
        json.writeNullField("truncation");
        json.writeNullField("padding");
        json.writeArrayFieldStart("added_tokens");
        for (Map.Entry<String, Integer> special : model.specials().entrySet()) {
            json.writeStartObject();
            json.writeNumberField("id", special.getValue());
            json.writeStringField("content", special.getKey());
            json.writeBooleanField("single_word", false);
            json.writeBooleanField("lstrip", false);
            json.writeBooleanField("rstrip", false);
            json.writeBooleanField("normalized", false);
            json.writeBooleanField("special", true);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNullField("normalizer");
        writeByteLevel(json, "pre_tokenizer", false, true);
        writeByteLevel(json, "post_processor", true, false);
        writeByteLevel(json, "decoder", true, true);
        json.writeObjectFieldStart("model");
        json.writeStringField("type", "BPE");
        json.writeNullField("dropout");
        json.writeNullField("unk_token");
        json.writeStringField("continuing_subword_prefix", "");
        json.writeStringField("end_of_word_suffix", "");
        json.writeBooleanField("fuse_unk", false);
        json.writeBooleanField("byte_fallback", false);
        json.writeFieldName("vocab");
        writeVocab(model, json);
        json.writeArrayFieldStart("merges");
        for (int rank = 0; rank < model.mergeCount(); rank++) {
            int[] merge = model.merge(rank);
            json.writeString(model.token(merge[0]) + " " + model.token(merge[1]));
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeByteLevel(JsonGenerator json, String field, boolean addPrefixSpace, boolean trimOffsets)
            throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("type", "ByteLevel");
        json.writeBooleanField("add_prefix_space", addPrefixSpace);
        json.writeBooleanField("trim_offsets", trimOffsets);
        json.writeBooleanField("use_regex", true);
        json.writeEndObject();
    }
}
