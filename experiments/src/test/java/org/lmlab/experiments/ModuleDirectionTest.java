package org.lmlab.experiments;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module graph of docs/architecture.md: experiments -> eval, finetune -> training
 * -> models -> layers, with tokenizers a leaf. Maven already refuses an undeclared module
 * dependency; this test also refuses a declared one that points the wrong way.
 */
class ModuleDirectionTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lmlab");
    }

    @Test
    void modulesDependOnlyDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("org.lmlab..")
                .withOptionalLayers(true)
                .layer("tokenizers").definedBy("org.lmlab.tokenizers..")
                .layer("layers").definedBy("org.lmlab.layers..")
                .layer("models").definedBy("org.lmlab.models..")
                .layer("training").definedBy("org.lmlab.training..")
                .layer("finetune").definedBy("org.lmlab.finetune..")
                .layer("eval").definedBy("org.lmlab.eval..")
                .layer("experiments").definedBy("org.lmlab.experiments..")
                .whereLayer("experiments").mayNotBeAccessedByAnyLayer()
                .whereLayer("eval").mayOnlyBeAccessedByLayers("experiments")
                .whereLayer("finetune").mayOnlyBeAccessedByLayers("experiments")
                .whereLayer("training").mayOnlyBeAccessedByLayers("finetune", "eval", "experiments")
                .whereLayer("models").mayOnlyBeAccessedByLayers("training", "finetune", "eval", "experiments")
                .whereLayer("layers").mayOnlyBeAccessedByLayers("models", "training", "finetune", "eval", "experiments")
                .whereLayer("tokenizers").mayOnlyBeAccessedByLayers("training", "finetune", "eval", "experiments")
                .check(classes);
    }

    @Test
    void tokenizerApiHasNoDjlTypes() {
        codeUnits().that().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("org.lmlab.tokenizers..")
                .and().areDeclaredInClassesThat().arePublic()
                .should(notExposeDjlTypes())
                .allowEmptyShould(true)
                .check(classes);
    }

    private static ArchCondition<JavaCodeUnit> notExposeDjlTypes() {
        return new ArchCondition<>("not take or return DJL types") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> exposed = new ArrayList<>(unit.getRawParameterTypes());
                exposed.add(unit.getRawReturnType());
                for (JavaClass type : exposed) {
                    if (type.getPackageName().startsWith("ai.djl")) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes " + type.getName()));
                    }
                }
            }
        };
    }
}
