package io.hookdesk.ui;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * MVVM as development.md describes it: view models hold state and commands, not scene-graph nodes; the desktop knows
 * no SQL.
 */
@AnalyzeClasses(packages = "io.hookdesk.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    /**
     * The classes that build what is on screen and may therefore use the scene graph: nodes, dialogs and windows, the
     * auto-completion popup, and the few classes that put them together (by name, with their inner classes).
     */
    private static final Set<String> SCREEN_BUILDERS = Set.of(
            "io.hookdesk.ui.DesktopUi", "io.hookdesk.ui.MainWindow", "io.hookdesk.ui.StartShell",
            "io.hookdesk.ui.account.DetailView", "io.hookdesk.ui.dialogs.CrashReporter",
            "io.hookdesk.ui.dialogs.DialogWindows", "io.hookdesk.ui.dialogs.JavaFxDialogService",
            "io.hookdesk.ui.dialogs.CursorReturn", "io.hookdesk.ui.form.FieldControls");

    private static final DescribedPredicate<JavaClass> VIEWS = new DescribedPredicate<>("views") {
        @Override
        public boolean test(JavaClass c) {
            JavaClass outer = c;
            while (outer.getEnclosingClass().isPresent()) {
                outer = outer.getEnclosingClass().get();
            }
            return SCREEN_BUILDERS.contains(outer.getName())
                    || outer.isAssignableTo("javafx.scene.Node") || outer.isAssignableTo("javafx.scene.control.Dialog")
                    || outer.isAssignableTo("org.controlsfx.control.textfield.AutoCompletionBinding");
        }
    };

    /**
     * Every class of the desktop that is not a view is view-model side (view models, commands, results, the form's
     * data): it holds state and logic testable without a toolkit, so it uses no scene graph. Keyed on the package,
     * not on a name suffix, so a helper such as SaveCommand or FormFields is held to it too.
     */
    @ArchTest
    static final ArchRule onlyViewsKnowTheScreen = noClasses()
            .that().resideInAPackage("io.hookdesk.ui..").and(not(VIEWS))
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
