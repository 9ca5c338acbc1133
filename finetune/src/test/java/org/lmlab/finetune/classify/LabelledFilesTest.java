package org.lmlab.finetune.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled files in each format, labels in sorted order, and bad input as one line naming the file and line or field. */
class LabelledFilesTest {

    @TempDir
    Path temp;

    private Path file(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private String error(Path file, String text, String label) {
        return assertThrows(IllegalArgumentException.class,
                () -> LabelledFiles.read(file, TextFormat.of("auto", file), text, label)).getMessage();
    }

    @Test
    void eachFormatReadsItsItemsWithTheirLines() throws IOException {
        Path tsv = file("a.tsv", "spam\tWin \"cash\" now\nham\tsee you\tlater\r\n\nham\tok\n");
        assertEquals(List.of(new LabelledItem(1, "spam", "Win \"cash\" now"), new LabelledItem(2, "ham", "see you\tlater"),
                new LabelledItem(4, "ham", "ok")), LabelledFiles.read(tsv, TextFormat.of("auto", tsv), "text", "label"));

        Path csv = file("b.csv", "id,body,kind\n1,\"hello, \"\"you\"\"\nthere\",pos\n2,bye,neg\n");
        assertEquals(List.of(new LabelledItem(2, "pos", "hello, \"you\"\nthere"), new LabelledItem(4, "neg", "bye")),
                LabelledFiles.read(csv, TextFormat.CSV, "body", "kind"));

        Path jsonl = file("c.jsonl", "{\"t\": \"nice\", \"y\": 1}\n\n{\"t\": \"poor\", \"y\": 0}\n");
        List<LabelledItem> items = LabelledFiles.read(jsonl, TextFormat.of("auto", jsonl), "t", "y");
        assertEquals(List.of(new LabelledItem(1, "1", "nice"), new LabelledItem(3, "0", "poor")), items);
        assertEquals(List.of("0", "1"), Labels.of(items).names());
        assertEquals(1, Labels.of(items).id("1"));
    }

    @Test
    void labelsAreNumberedInSortedOrderWhateverTheFileOrder() {
        Labels labels = Labels.of(List.of(new LabelledItem(1, "spam", "a"), new LabelledItem(2, "eggs", "b"),
                new LabelledItem(3, "ham", "c"), new LabelledItem(4, "spam", "d")));
        assertEquals(List.of("eggs", "ham", "spam"), labels.names());
        assertEquals(2, labels.id("spam"));
    }

    @Test
    void badFilesAreOneLineNamingTheFileAndTheLineOrField() throws IOException {
        Path empty = file("empty.tsv", "");
        assertEquals(empty + ": no labelled examples (the file is empty)", error(empty, "text", "label"));

        Path oneClass = file("one.tsv", "ham\thi\nham\tho\n");
        assertEquals(oneClass + ": all 2 examples have the label 'ham'; a classifier needs at least 2 labels",
                error(oneClass, "text", "label"));

        Path noTab = file("broken.tsv", "ham\thi\nspam free money\n");
        assertEquals(noTab + ": line 2: no tab between label and text (expected label<TAB>text)", error(noTab, "text", "label"));

        Path emptyText = file("blank.tsv", "ham\thi\nspam\t  \n");
        assertEquals(emptyText + ": line 2: empty text", error(emptyText, "text", "label"));

        Path csv = file("x.csv", "text,label\nhi,ham\nho,spam\n");
        assertEquals(csv + ": line 1: no column 'category' (columns: text, label)", error(csv, "text", "category"));

        Path unterminated = file("y.csv", "text,label\nhi,ham\n\"oops,spam\n");
        assertEquals(unterminated + ": line 3: unterminated quoted field", error(unterminated, "text", "label"));

        Path ragged = file("z.csv", "text,label\nhi,ham,extra\n");
        assertEquals(ragged + ": line 2: 3 fields, the header has 2", error(ragged, "text", "label"));

        Path jsonl = file("w.jsonl", "{\"text\": \"hi\", \"label\": \"a\"}\n{\"text\": \"ho\"}\n");
        assertEquals(jsonl + ": line 2: no field 'label' (fields: text)", error(jsonl, "text", "label"));

        Path badJson = file("v.jsonl", "{\"text\": \"hi\", \"label\": \"a\"}\n{\"text\": \"ho\", label}\n");
        assertEquals(badJson + ": line 2: not a JSON object (Unexpected character ('l' (code 108)): was expecting"
                + " double-quote to start field name)", error(badJson, "text", "label"));

        Path latin1 = temp.resolve("latin1.tsv");
        Files.write(latin1, new byte[] {'h', 'a', 'm', '\t', (byte) 0xE9, '\n'});
        assertEquals(latin1 + ": not UTF-8 text", error(latin1, "text", "label"));

        assertThrows(NoSuchFileException.class, () -> LabelledFiles.read(temp.resolve("none.tsv"), TextFormat.TSV, "text", "label"));
        assertEquals("data.format: unknown format 'xml'; known: auto, tsv, csv, jsonl",
                assertThrows(IllegalArgumentException.class, () -> TextFormat.of("xml", csv)).getMessage());
    }
}
