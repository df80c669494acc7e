package org.coloconsole.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers point one way: qmp → colo → journal → engine → app → ui; only ui sees JavaFX; few places see JSON. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.coloconsole");
        // an import that silently found nothing would pass every rule below
        org.assertj.core.api.Assertions.assertThat(classes.contain(org.coloconsole.qmp.QmpClient.class)).isTrue();
    }

    /** Within a layer too: a package and its sub-package must not need each other (app and app.profile did). */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.coloconsole.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("entry").definedBy("org.coloconsole")
                .layer("qmp").definedBy("org.coloconsole.qmp..")
                .layer("colo").definedBy("org.coloconsole.colo..")
                .layer("journal").definedBy("org.coloconsole.journal..")
                .layer("engine").definedBy("org.coloconsole.engine..")
                .layer("app").definedBy("org.coloconsole.app..")
                .layer("ui").definedBy("org.coloconsole.ui..")
                .whereLayer("ui").mayOnlyBeAccessedByLayers("entry")
                .whereLayer("app").mayOnlyBeAccessedByLayers("ui", "entry")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("app", "ui", "entry")
                .whereLayer("journal").mayOnlyBeAccessedByLayers("engine", "app", "ui", "entry")
                .whereLayer("colo").mayOnlyBeAccessedByLayers("journal", "engine", "app", "ui", "entry")
                .whereLayer("qmp").mayOnlyBeAccessedByLayers("colo", "journal", "engine", "app", "ui", "entry")
                .check(classes);
    }

    @Test
    void onlyTheUiSeesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.coloconsole.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "org.kordamp..")
                .check(classes);
    }

    @Test
    void onlyTheWireAndStorageLayersSeeJson() {
        noClasses().that().resideOutsideOfPackages("org.coloconsole.qmp..", "org.coloconsole.journal..",
                        "org.coloconsole.app.profile..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .check(classes);
    }

    /** The alert command's event is written by the storage layer (journal/AlertEventJson), not built in the engine. */
    @Test
    void theAlertCommandBuildsNoJson() {
        noClasses().that().haveSimpleName("AlertCommand")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.coloconsole.qmp.QmpValue")
                .check(classes);
    }

    @Test
    void theDomainIsPure() {
        noClasses().that().resideInAPackage("org.coloconsole.colo..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                        "java.util.concurrent..", "java.io..", "java.nio.file..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .check(classes);
    }

    /** One crossing into the FX thread: everything else reaches it through {@code FxThread}. */
    @Test
    void onlyFxThreadCallsRunLater() {
        noClasses().that().doNotHaveSimpleName("FxThread")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(classes);
    }

    /** The heartbeat measures time on the injected {@code MonotonicClock}, so its tests can drive the clock. */
    @Test
    void theHeartbeatReadsItsInjectedClock() {
        noClasses().that().haveSimpleName("SideLink").or().haveSimpleName("HeartbeatTimer")
                .should().callMethod(System.class, "nanoTime")
                .check(classes);
    }

    @Test
    void noGlobalMutableState() {
        fields().that().areStatic().should().beFinal()
                .because("the object graph is built in one place and passed through constructors")
                .check(classes);
    }
}
