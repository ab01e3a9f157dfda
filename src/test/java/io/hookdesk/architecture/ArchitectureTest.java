package io.hookdesk.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The shape of the house (src/docs/development.md, "Where things live"): ui, cli -> service -> (hook, db) -> model, one direction only. */
@AnalyzeClasses(packages = "io.hookdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineAndDatabaseKnowNoScreens = noClasses()
            .that().resideInAnyPackage("io.hookdesk.hook..", "io.hookdesk.db..", "io.hookdesk.save..",
                    "io.hookdesk.records..", "io.hookdesk.renewal..", "io.hookdesk.admin..", "io.hookdesk.model..",
                    "io.hookdesk.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "io.hookdesk.ui..");

    @ArchTest
    static final ArchRule uiKnowsNoSql = noClasses()
            .that().resideInAPackage("io.hookdesk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "io.hookdesk.db..");

    @ArchTest
    static final ArchRule modelKnowsNothing = noClasses()
            .that().resideInAPackage("io.hookdesk.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.hookdesk.hook..", "io.hookdesk.db..",
                    "io.hookdesk.save..", "io.hookdesk.records..", "io.hookdesk.ui..", "io.hookdesk.cli..",
                    "io.hookdesk.app..", "org.jooq..", "javafx..");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("App").definedBy("io.hookdesk.app..")
            .layer("Ui").definedBy("io.hookdesk.ui..")
            .layer("Cli").definedBy("io.hookdesk.cli..")
            .layer("Service").definedBy("io.hookdesk.save..", "io.hookdesk.records..", "io.hookdesk.renewal..",
                    "io.hookdesk.admin..")
            .layer("Hook").definedBy("io.hookdesk.hook..")
            .layer("Db").definedBy("io.hookdesk.db..")
            .layer("Model").definedBy("io.hookdesk.model..")
            .layer("Os").definedBy("io.hookdesk.os..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Service").mayOnlyBeAccessedByLayers("App", "Ui", "Cli")
            .whereLayer("Db").mayOnlyBeAccessedByLayers("App", "Service")
            .whereLayer("Hook").mayOnlyBeAccessedByLayers("App", "Cli", "Service")
            .whereLayer("Os").mayOnlyBeAccessedByLayers("App", "Cli", "Service", "Hook", "Db");

    /** The operating system's helpers stand below everything: the embedded server and the hook runner share them. */
    @ArchTest
    static final ArchRule osHelpersKnowNoHookDesk = noClasses()
            .that().resideInAPackage("io.hookdesk.os..")
            .should().dependOnClassesThat().resideOutsideOfPackages("io.hookdesk.os..", "java..");

    /**
     * Only the command line and the composition root talk to the console; everything else logs (JabRef's
     * GeneralCodingRules), so a script reading stdout gets only what a command prints for it.
     */
    @ArchTest
    static final ArchRule onlyTheCommandLineAndTheRootWriteToTheConsole = noClasses()
            .that().resideOutsideOfPackages("io.hookdesk.cli..", "io.hookdesk.app..")
            .should(ACCESS_STANDARD_STREAMS);

    /** Sibling sub-packages (db.schema and db.store, ui.form and ui.dialogs, ...) do not depend on each other in circles. */
    @ArchTest
    static final ArchRule subPackagesFreeOfCycles = slices().matching("io.hookdesk.(*).(*)..").should().beFreeOfCycles();

    /** The pure hook contract knows nothing of processes. */
    @ArchTest
    static final ArchRule hookContractStartsNoProcess = noClasses()
            .that().resideInAPackage("io.hookdesk.hook")
            .should().dependOnClassesThat().resideInAnyPackage("io.hookdesk.hook.run..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder");

    /** The embedded server, the schema, the stores and the demo are separate rooms: the stores may read the schema. */
    @ArchTest
    static final ArchRule databaseRooms = noClasses()
            .that().resideInAnyPackage("io.hookdesk.db.embedded..", "io.hookdesk.db.schema..", "io.hookdesk.db.demo..")
            .should().dependOnClassesThat().resideInAnyPackage("io.hookdesk.db.store..");
}
