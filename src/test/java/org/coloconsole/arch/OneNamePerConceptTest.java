package org.coloconsole.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A reader finds a class by its name: no two top-level classes of the console share a simple name, so no file needs a
 * fully qualified name to tell them apart. (Nested types are read with their owner's: {@code Recommendation.Kind}.)
 */
class OneNamePerConceptTest {

    @Test
    void noTwoMainClassesShareASimpleName() {
        Map<String, List<String>> byName = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.coloconsole").stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> !c.getSimpleName().equals("package-info") && !c.getSimpleName().equals("module-info"))
                .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        assertThat(byName).as("classes found").containsKey("FailoverInterlock");
        assertThat(byName.values()).as("simple names used by more than one class")
                .filteredOn(names -> names.size() > 1).isEmpty();
    }
}
