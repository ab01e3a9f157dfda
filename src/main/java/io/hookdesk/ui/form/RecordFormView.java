package io.hookdesk.ui.form;

import io.hookdesk.model.Operation;
import io.hookdesk.ui.dialogs.CursorReturn;
import io.hookdesk.ui.envpanel.EnvPanelView;
import io.hookdesk.ui.history.HistoryView;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.MaskerPane;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.decoration.CompoundValidationDecoration;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.controlsfx.validation.decoration.StyleClassValidationDecoration;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A record's screen: a tool bar (Save, Revert, Reload, the environment panel's toggle), a message line, the form
 * itself (groups of fields built from the metadata), the record's children and history below it, and the environment
 * panel beside it; while a save runs, a mask over all of it with the elapsed time and Cancel. Esc reverts (asking
 * first if more than one field would lose its edit).
 */
public final class RecordFormView extends BorderPane {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final RecordFormViewModel form;
    private final List<Tab> detailTabs;
    private final StackPane body = new StackPane();
    private final SplitPane sides = new SplitPane();
    private final ToggleButton envToggle = new ToggleButton("Environment", new FontIcon("fth-terminal"));
    private EnvPanelView envPanel;
    private final List<FieldGrid> grids = new ArrayList<>();
    /** Draws the fields' problems (ControlsFX decorations); which problem and when is the view model's. */
    private final ValidationSupport validation = new ValidationSupport();
    private Control firstInput;
    private Node focusBeforeSave;
    private int caretBeforeSave = -1;
    /** Held here so the weak listener on the (shared) scene lives exactly as long as this view. */
    private ChangeListener<Node> followFocus;

    /** @param detailTabs the record's children (an account's users, services ...), shown under the form */
    public RecordFormView(RecordFormViewModel form, List<Tab> detailTabs) {
        this.form = form;
        this.detailTabs = detailTabs;
        getStyleClass().add("record-form");
        validation.setValidationDecorator(new CompoundValidationDecoration(new GraphicValidationDecoration(),
                new StyleClassValidationDecoration("field-invalid", "field-warning")));
        setId("form-" + form.table().sqlName());
        setTop(new VBox(toolBar(), messageLine()));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(48, 48);
        body.getChildren().add(spinner);
        MaskerPane mask = runningMask();
        sides.disableProperty().bind(form.savingProperty());
        setCenter(new StackPane(body, mask));
        if (form.readyProperty().get()) {
            build();
        } else {
            form.readyProperty().addListener((obs, was, now) -> {
                if (now && envPanel == null) {
                    build();
                }
            });
        }
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !e.isConsumed()) {
                form.revertAsking();
                e.consume();
            }
        });
    }

    private ToolBar toolBar() {
        Button save = new Button("_Save", new FontIcon("fth-save"));
        save.setId("form-save");
        save.getStyleClass().add("save-button");
        save.setTooltip(new Tooltip("Save and run the hook (Ctrl+S)"));
        save.disableProperty().bind(form.dirtyProperty().not().or(form.savingProperty()).or(form.readyProperty().not()));
        save.setOnAction(e -> form.save());
        Button revert = new Button("Revert", new FontIcon("fth-rotate-ccw"));
        revert.setId("form-revert");
        revert.setTooltip(new Tooltip("Put back what was loaded (Esc)"));
        revert.disableProperty().bind(form.dirtyProperty().not().or(form.savingProperty()));
        revert.setOnAction(e -> form.revertAsking());
        Button reload = new Button("Reload", new FontIcon("fth-refresh-cw"));
        reload.setId("form-reload");
        reload.setTooltip(new Tooltip("Read the record from the database again"));
        reload.disableProperty().bind(form.savingProperty());
        reload.setOnAction(e -> form.reload());
        // Supervisors only, on a saved record: for anyone else the button is not there at all.
        Button runAgain = new Button("Run hook again", new FontIcon("fth-repeat"));
        runAgain.setId("form-run-hook-again");
        runAgain.setTooltip(new Tooltip("Run " + form.table().hookName() + " again for this record as it is saved, "
                + "to bring what it provisions back in line (HOOK_REPROVISION=1)"));
        runAgain.visibleProperty().bind(form.runAgainAvailableProperty());
        runAgain.managedProperty().bind(runAgain.visibleProperty());
        runAgain.disableProperty().bind(form.savingProperty());
        runAgain.setOnAction(e -> form.runHookAgain());
        Label title = new Label();
        title.textProperty().bind(form.titleProperty());
        title.getStyleClass().add("form-title");
        // The title takes what room is left and is cut short (the tab names the record too), so on a 1024 px
        // screen the buttons and the environment toggle stay on the bar instead of in its overflow menu.
        title.setMinWidth(0);
        title.setPrefWidth(0);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        envToggle.setId("env-toggle");
        envToggle.selectedProperty().bindBidirectional(form.envPanelShownProperty());
        envToggle.setTooltip(new Tooltip("Show or hide the variables the hook will see (Ctrl+E)"));
        form.envPanelShownProperty().addListener((obs, was, now) -> showEnvPanel(now));
        return new ToolBar(save, revert, reload, runAgain, title, envToggle);
    }

    /**
     * While the save runs, a ControlsFX mask covers the whole record (form, children, environment panel) with what
     * runs, for how long, and Cancel. The record under it is disabled as well, so neither a click nor a key typed
     * into a field that had focus can change what the save is about to replace with the saved row.
     */
    private MaskerPane runningMask() {
        MaskerPane mask = new MaskerPane();
        mask.setId("hook-running");
        mask.getStyleClass().add("hook-masker");
        mask.textProperty().bind(form.command().runningTextProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(40, 40);
        Label elapsed = new Label();
        elapsed.setId("hook-elapsed");
        elapsed.getStyleClass().add("masker-text");
        elapsed.textProperty().bind(form.command().elapsedTextProperty());
        Button cancel = new Button("Cancel", new FontIcon("fth-x-circle"));
        cancel.setId("cancel-hook");
        cancel.getStyleClass().add("danger");
        cancel.setTooltip(new Tooltip("Stop the hook; the change is rolled back"));
        cancel.setOnAction(e -> form.cancelHook());
        VBox centre = new VBox(10, progress, elapsed, cancel);
        centre.setAlignment(Pos.CENTER);
        mask.setProgressNode(centre);
        mask.visibleProperty().bind(form.savingProperty());
        // Four times a second: the cover says "Running service_hook" soon after the hook starts, not a second later.
        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> form.command().tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        form.savingProperty().addListener((obs, was, now) -> {
            if (now) {
                Node owner = getScene() == null ? null : getScene().getFocusOwner();
                focusBeforeSave = owner != null && isInside(owner, this) ? owner : null;
                caretBeforeSave = CursorReturn.caretOf(focusBeforeSave);
                ticker.playFromStart();
                cancel.requestFocus();
            } else {
                ticker.stop();
                // The CSR carries on where they were.
                Node back = focusBeforeSave;
                int caret = caretBeforeSave;
                // After the saved values are back in the form (they come just after this), not before.
                Platform.runLater(() -> CursorReturn.to(back, caret));
                focusBeforeSave = null;
            }
        });
        return mask;
    }

    private Node messageLine() {
        Label message = new Label();
        message.setId("form-message");
        message.getStyleClass().add("form-message");
        message.textProperty().bind(form.messageProperty());
        // Its line is kept while empty: appearing, it pushed the form down by a line under the CSR's pointer (a
        // misclick followed). One line; a longer message ends in "…" and is whole in the tooltip and the dialog.
        message.setWrapText(false);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.visibleProperty().bind(form.messageProperty().isNotEmpty());
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(form.messageProperty());
        whole.setWrapText(true);
        whole.setMaxWidth(640);
        message.setTooltip(whole);
        form.messageIsErrorProperty().addListener((obs, was, now) -> message.pseudoClassStateChanged(ERROR, now));
        message.setMaxWidth(Double.MAX_VALUE);
        return message;
    }

    private void build() {
        ScrollPane scroll = new ScrollPane(fieldGroups());
        scroll.setFitToWidth(true);
        // One pair a row when the form is narrow (a small screen, the environment panel open beside it).
        scroll.viewportBoundsProperty().addListener((obs, was, now) -> grids.forEach(g -> g.fitTo(now.getWidth())));
        scroll.getStyleClass().add("form-scroll");
        // Tabbing through the fields keeps the focused one in sight.
        followFocus = (obs, was, now) -> {
            if (now != null && isInside(now, scroll.getContent())) {
                ensureVisible(scroll, now);
            }
        };
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null) {
                now.focusOwnerProperty().addListener(new WeakChangeListener<>(followFocus));
            }
        });
        if (getScene() != null) {
            getScene().focusOwnerProperty().addListener(new WeakChangeListener<>(followFocus));
        }

        TabPane below = new TabPane();
        below.setId("form-details");
        below.getTabs().addAll(detailTabs);
        Tab history = new Tab("History", new HistoryView(form.history(), false));
        history.setId("form-history-tab");
        history.setClosable(false);
        below.getTabs().add(history);

        SplitPane main = new SplitPane(scroll, below);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(detailTabs.isEmpty() ? 0.75 : 0.62);

        envPanel = new EnvPanelView(form.env(), form::refreshHookStatus);
        sides.getItems().setAll(main);
        showEnvPanel(form.envPanelShownProperty().get());
        SplitPane.setResizableWithParent(envPanel, false);
        body.getChildren().setAll(sides);
        if (firstInput != null) {
            focusWhenShown(firstInput);
        }
    }

    /**
     * Gives {@code input} the cursor once it is in the window: a record that loads before its tab has been put on
     * screen (a quick database) would otherwise ask for the focus while outside any scene, where the request does
     * nothing, and the cursor stayed in the list the record was opened from, now hidden, so what the CSR typed went
     * nowhere (seen in a real window under openbox).
     */
    private static void focusWhenShown(Control input) {
        if (input.getScene() != null) {
            Platform.runLater(input::requestFocus);
            return;
        }
        input.sceneProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Scene> obs,
                                Scene was, Scene now) {
                if (now != null) {
                    input.sceneProperty().removeListener(this);
                    Platform.runLater(input::requestFocus);
                }
            }
        });
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static void ensureVisible(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        Bounds n = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double range = contentHeight - viewport;
        double top = scroll.getVvalue() * range;
        if (n.getMinY() < top) {
            scroll.setVvalue(Math.max(0, n.getMinY() - 8) / range);
        } else if (n.getMaxY() > top + viewport) {
            scroll.setVvalue(Math.min(range, n.getMaxY() + 8 - viewport) / range);
        }
    }

    private void showEnvPanel(boolean show) {
        if (envPanel == null) {
            return;
        }
        if (show && !sides.getItems().contains(envPanel)) {
            sides.getItems().add(envPanel);
            sides.setDividerPositions(0.6);
        } else if (!show) {
            sides.getItems().remove(envPanel);
        }
    }

    private Node fieldGroups() {
        Map<String, List<FieldViewModel>> groups = new LinkedHashMap<>();
        for (FieldViewModel f : form.fields()) {
            groups.computeIfAbsent(f.spec().group(), g -> new ArrayList<>()).add(f);
        }
        VBox box = new VBox(6);
        box.setPadding(new Insets(6));
        groups.forEach((group, fields) -> {
            TitledPane pane = new TitledPane(group, grid(fields));
            pane.setId("group-" + group.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
            pane.setExpanded(!form.overlay().collapsedAtFirst(group));
            box.getChildren().add(pane);
        });
        return box;
    }

    /** Two label-field pairs a row (one in a narrow form, see {@link FieldGrid}); text areas take the whole row. */
    private GridPane grid(List<FieldViewModel> fields) {
        FieldGrid grid = new FieldGrid();
        grids.add(grid);
        for (FieldViewModel f : fields) {
            boolean wide = f.spec().kind() == ControlKind.TEXT_AREA || f.spec().kind() == ControlKind.REFERENCE;
            FieldControls.Made made = FieldControls.make(f, form, validation);
            // The cursor starts in the first field a CSR edits: never a record number of another table, where one
            // stray digit would move the record to another account or user; but a new payment's empty Account is
            // the first thing to fill in (the table's overlay says so).
            boolean startsHere = form.operation() == Operation.CREATE && f.text().isEmpty()
                    && f.name().equals(form.overlay().newRecordStartsIn());
            if (startsHere) {
                firstInput = made.input();
            } else if (firstInput == null && !f.readOnly() && f.spec().kind() != ControlKind.READ_ONLY
                    && f.spec().kind() != ControlKind.REFERENCE) {
                firstInput = made.input();
            }
            Label l = new Label();
            l.textProperty().bind(f.labelProperty());
            l.setLabelFor(made.input());
            l.setMnemonicParsing(false);
            l.setWrapText(true);
            l.getStyleClass().add("field-label");
            if (f.spec().column().required()) {
                l.getStyleClass().add("required");
            }
            f.dirtyProperty().addListener((obs, was, now) -> l.pseudoClassStateChanged(FieldControls.DIRTY, now));
            Label error = new Label();
            error.setId("error-" + f.name());
            error.getStyleClass().add("field-error");
            error.setWrapText(true);
            error.textProperty().bind(f.shownErrorProperty());
            error.visibleProperty().bind(f.shownErrorProperty().isNotNull());
            error.managedProperty().bind(error.visibleProperty());
            grid.add(l, new VBox(2, made.node(), error), wide);
        }
        grid.columns(2);
        return grid;
    }

    /** The form's validation: which fields show a problem now (for tests and tools). */
    public ValidationSupport validation() {
        return validation;
    }

    public RecordFormViewModel viewModel() {
        return form;
    }
}
