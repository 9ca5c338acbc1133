package org.lmlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One composition root: outside tests, only {@link Injection} creates an injector, and the
 * {@code standard()} helpers (each builds a private injector of the built-in modules, for
 * tests and small tools) are called by nothing but each other, so a plugin module reaches
 * every command.
 */
class OneInjectorTest {

    private static final String CREATE_INJECTOR = "com.google.inject.Guice.createInjector";

    @Test
    void onlyTheCompositionRootAndTheTestHelpersBuildInjectors() {
        // Test classes of other modules arrive in their -tests jars, which the predefined option does not know.
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.lmlab");
        Set<String> helpers = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        classes.forEach(type -> type.getCodeUnits().forEach(unit -> {
            boolean creates = unit.getMethodCallsFromSelf().stream()
                    .anyMatch(call -> (call.getTargetOwner().getName() + "." + call.getName()).equals(CREATE_INJECTOR));
            if (creates) {
                (unit.getName().equals("standard") ? helpers : others).add(type.getSimpleName() + "." + unit.getName());
            }
        }));
        assertEquals(Set.of("Injection.create"), others);
        assertTrue(helpers.size() >= 8, "the standard() helpers: " + helpers);

        Set<String> callers = new TreeSet<>();
        classes.forEach(type -> type.getCodeUnits().forEach(unit -> {
            for (JavaCall<?> call : unit.getMethodCallsFromSelf()) {
                String target = call.getTargetOwner().getSimpleName() + "." + call.getName();
                if (helpers.contains(target) && !unit.getName().equals("standard")) {
                    callers.add(type.getSimpleName() + "." + unit.getName() + " -> " + target);
                }
            }
        }));
        assertEquals(Set.of(), callers);
    }
}
