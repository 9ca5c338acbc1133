package org.lmlab.training;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The training loop runs any objective over any model: neither its code nor its comments name
 * a model family, and it never refers to a concrete objective.
 */
class TrainerKnowsNoModelFamilyTest {

    private static final List<String> LOOP_PACKAGES = List.of("", "step", "optim", "checkpoint", "metrics", "seed");

    @Test
    void theLoopSourcesNeverMentionGptOrBert() throws IOException {
        Path root = Path.of(System.getProperty("lmlab.root", ".."), "training", "src", "main", "java", "org", "lmlab", "training");
        List<String> offenders = new java.util.ArrayList<>();
        int scanned = 0;
        for (String name : LOOP_PACKAGES) {
            try (Stream<Path> files = Files.list(root.resolve(name))) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    scanned++;
                    String text = Files.readString(file).toLowerCase(Locale.ROOT);
                    if (text.contains("gpt") || text.contains("bert")) {
                        offenders.add(file.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
        assertEquals(true, scanned > 20, "scanned " + scanned + " files");
    }

    @Test
    void theLoopDependsOnTheObjectiveSeamOnly() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lmlab.training");
        noClasses().that().resideInAnyPackage("org.lmlab.training", "org.lmlab.training.step")
                .and().doNotHaveSimpleName("TrainingModule")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("LmObjective")
                .check(classes);
    }
}
