package io.hookdesk.ui;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** MVVM as STYLE.md asks: view models hold state and commands, not scene-graph nodes; the desktop knows no SQL. */
@AnalyzeClasses(packages = "io.hookdesk.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsKnowNoScreen = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..");

    @ArchTest
    static final ArchRule desktopKnowsNoSqlAndNoCompositionRoot = noClasses()
            .that().resideInAPackage("io.hookdesk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "io.hookdesk.db..",
                    "io.hookdesk.app..");

    @ArchTest
    static final ArchRule featurePackagesDoNotDependOnEachOtherInCircles = slices()
            .matching("io.hookdesk.ui.(*)..").should().beFreeOfCycles();
}
