package org.lmlab.models.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON header bytes of a safetensors file into a {@link SafetensorsHeader}, checking
 * every field on the way: UTF-8, JSON syntax, duplicate names, known dtypes, non-negative shapes
 * without element-count overflow, and data offsets that match the shape. It reads the JSON as a
 * token stream, so it never builds more than the header itself, and names the file and tensor
 * in every error.
 */
final class HeaderParser {

    static final String METADATA_KEY = "__metadata__";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String file;

    private HeaderParser(String file) {
        this.file = file;
    }

    /** Parses and validates header bytes read from {@code file} (used in messages only). */
    static SafetensorsHeader parse(String file, byte[] headerBytes) throws SafetensorsFormatException {
        return new HeaderParser(file).parse(headerBytes);
    }

    private SafetensorsHeader parse(byte[] headerBytes) throws SafetensorsFormatException {
        String json = decodeUtf8(headerBytes);
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw error("header must be a JSON object" + at(parser));
            }
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = Map.of();
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (!seen.add(key)) {
                    throw error(METADATA_KEY.equals(key) ? "header has two " + METADATA_KEY + " entries"
                            : "tensor '" + key + "' appears twice in the header");
                }
                parser.nextToken();
                if (METADATA_KEY.equals(key)) {
                    metadata = parseMetadata(parser);
                } else {
                    tensors.put(key, parseTensor(parser, key));
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw error("header JSON object is not closed properly" + at(parser));
            }
            if (parser.nextToken() != null) {
                throw error("header has content after its JSON object" + at(parser));
            }
            return new SafetensorsHeader(Collections.unmodifiableMap(tensors), metadata);
        } catch (SafetensorsFormatException formatError) {
            throw formatError;
        } catch (JsonProcessingException syntax) {
            throw new SafetensorsFormatException(file + ": header is not valid JSON: " + syntax.getOriginalMessage()
                    + at(syntax.getLocation()), syntax);
        } catch (IOException unexpected) {
            // Parsing an in-memory string performs no I/O; anything else here is a parser failure.
            throw new SafetensorsFormatException(file + ": cannot parse header: " + unexpected.getMessage(), unexpected);
        }
    }

    private String decodeUtf8(byte[] bytes) throws SafetensorsFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(buffer).toString();
        } catch (MalformedInputException malformed) {
            throw error("header is not valid UTF-8 (bad byte sequence at header byte " + buffer.position() + ")");
        } catch (CharacterCodingException coding) {
            throw error("header is not valid UTF-8: " + coding);
        }
    }

    private Map<String, String> parseMetadata(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw error(METADATA_KEY + " must be a JSON object of strings" + at(parser));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw error(METADATA_KEY + " field '" + key + "' must be a string" + at(parser));
            }
            if (metadata.put(key, parser.getText()) != null) {
                throw error(METADATA_KEY + " field '" + key + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(metadata);
    }

    private TensorInfo parseTensor(JsonParser parser, String name) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw tensorError(name, "entry must be a JSON object with dtype, shape and data_offsets" + at(parser));
        }
        Dtype dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "dtype" -> dtype = parseDtype(parser, name, dtype);
                case "shape" -> shape = parseNonNegativeLongs(parser, name, "shape", shape);
                case "data_offsets" -> offsets = parseNonNegativeLongs(parser, name, "data_offsets", offsets);
                default -> throw tensorError(name, "unknown field '" + field + "'" + at(parser));
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw tensorError(name, "missing field '" + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets") + "'");
        }
        return describe(name, dtype, shape, offsets);
    }

    private Dtype parseDtype(JsonParser parser, String name, Dtype previous) throws IOException {
        if (previous != null) {
            throw tensorError(name, "field 'dtype' appears twice");
        }
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw tensorError(name, "field 'dtype' must be a string" + at(parser));
        }
        String text = parser.getText();
        return Dtype.fromHeaderName(text).orElseThrow(() -> tensorError(name,
                "unsupported dtype '" + text + "' (supported: " + Dtype.supportedNames() + ")"));
    }

    private long[] parseNonNegativeLongs(JsonParser parser, String name, String field, long[] previous) throws IOException {
        if (previous != null) {
            throw tensorError(name, "field '" + field + "' appears twice");
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw tensorError(name, "field '" + field + "' must be an array of integers" + at(parser));
        }
        List<Long> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String element = field + "[" + values.size() + "]";
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw tensorError(name, "field '" + element + "' must be a non-negative integer, got "
                        + parser.getText() + at(parser));
            }
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw tensorError(name, "field '" + element + "' is too large: " + parser.getText());
            }
            long value = parser.getLongValue();
            if (value < 0) {
                throw tensorError(name, "field '" + element + "' must be a non-negative integer, got " + value);
            }
            values.add(value);
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private TensorInfo describe(String name, Dtype dtype, long[] shape, long[] offsets) throws SafetensorsFormatException {
        if (offsets.length != 2) {
            throw tensorError(name, "field 'data_offsets' must hold exactly [begin, end], got " + Arrays.toString(offsets));
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw tensorError(name, "data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        long bytes;
        try {
            long elements = 1;
            for (long dimension : shape) {
                elements = Math.multiplyExact(elements, dimension);
            }
            bytes = Math.multiplyExact(elements, dtype.byteSize());
        } catch (ArithmeticException overflow) {
            throw tensorError(name, "shape " + Arrays.toString(shape) + " has too many elements (overflows 64 bits)");
        }
        if (end - begin != bytes) {
            throw tensorError(name, "data_offsets " + Arrays.toString(offsets) + " span " + (end - begin) + " bytes but "
                    + dtype + " shape " + Arrays.toString(shape) + " needs " + bytes);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private SafetensorsFormatException error(String problem) {
        return new SafetensorsFormatException(file + ": " + problem);
    }

    private SafetensorsFormatException tensorError(String tensor, String problem) {
        return new SafetensorsFormatException(file + ": tensor '" + tensor + "': " + problem);
    }

    private static String at(JsonParser parser) {
        return at(parser.currentLocation());
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (header line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
