package org.lmlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every file in data/ is listed in data/SOURCES.md with its exact size and SHA-256, and nothing else is there. */
class DataSourcesTest {

    /** A table row: | `path` | bytes | `sha256` | source | licence |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*(\\d+)\\s*\\|\\s*`([0-9a-f]{64})`\\s*\\|(.+)\\|(.+)\\|\\s*$");

    private record Listed(long bytes, String sha256, String source, String licence) {
    }

    private static Path data;
    private static Map<String, Listed> listed;

    @BeforeAll
    static void readSources() throws IOException {
        data = Path.of(System.getProperty("lmlab.root", "..")).resolve("data").toAbsolutePath().normalize();
        listed = new TreeMap<>();
        for (String line : Files.readAllLines(data.resolve("SOURCES.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                listed.put(row.group(1), new Listed(Long.parseLong(row.group(2)), row.group(3), row.group(4).strip(), row.group(5).strip()));
            }
        }
    }

    @Test
    void everyShippedFileIsListedAndEveryListedFileIsShipped() throws IOException {
        TreeSet<String> shipped;
        try (Stream<Path> files = Files.walk(data)) {
            shipped = files.filter(Files::isRegularFile)
                    .map(path -> data.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("SOURCES.md"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(shipped, new TreeSet<>(listed.keySet()));
    }

    @Test
    void sizesAndHashesMatch() throws IOException {
        assertFalse(listed.isEmpty(), "no rows parsed from data/SOURCES.md");
        for (Map.Entry<String, Listed> entry : listed.entrySet()) {
            Path file = data.resolve(entry.getKey());
            assertEquals(entry.getValue().bytes(), Files.size(file), "size of data/" + entry.getKey());
            assertEquals(entry.getValue().sha256(), sha256(file), "SHA-256 of data/" + entry.getKey());
        }
    }

    @Test
    void everyFileNamesASourceAndALicence() {
        listed.forEach((name, row) -> {
            assertFalse(row.source().isBlank(), "source of " + name);
            assertFalse(row.licence().isBlank(), "licence of " + name);
        });
    }

    @Test
    void smsSpamCollectionIsTheRawUciFile() throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("sms-spam/SMSSpamCollection"));
        assertEquals(5574, lines.size());
        assertEquals(4827, lines.stream().filter(line -> line.startsWith("ham\t")).count());
        assertEquals(747, lines.stream().filter(line -> line.startsWith("spam\t")).count());
    }

    @Test
    void instructionDataHas1100Records() throws IOException {
        JsonNode records = new ObjectMapper().readTree(data.resolve("instruction-data.json").toFile());
        assertEquals(1100, records.size());
        for (JsonNode record : records) {
            assertTrue(record.has("instruction") && record.has("input") && record.has("output"), record.toString());
        }
    }

    @Test
    void blimpHas67ParadigmsOf1000Pairs() throws IOException {
        List<Path> paradigms;
        try (Stream<Path> files = Files.list(data.resolve("blimp/data"))) {
            paradigms = files.sorted().toList();
        }
        assertEquals(67, paradigms.size());
        for (Path paradigm : paradigms) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(paradigm))) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(1000, text.lines().count(), paradigm.toString());
            }
        }
    }

    @Test
    void gzippedWikitextSplitsAreTheUpstreamFiles() throws IOException {
        assertEquals("d790b833ef8cf03a90db7bf1271b7520b83c45ce07ba3c1a9699df81e239eca0",
                gunzippedSha256(data.resolve("wikitext-2/test.txt.gz")));
        assertEquals("f0737ed31fc1329026e95cb8b98e19c2a182c39c240ab909dc31abf2f8af58e8",
                gunzippedSha256(data.resolve("wikitext-2/valid.txt.gz")));
    }

    private static String gunzippedSha256(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
