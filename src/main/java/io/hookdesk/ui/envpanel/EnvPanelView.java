package io.hookdesk.ui.envpanel;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Locale;

/**
 * The environment panel: which hook will run (or why none will), then the variables it will see, filtered and
 * sorted, with changed and not-yet-valid variables marked and secrets masked until revealed.
 */
public final class EnvPanelView extends VBox {

    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    private static final PseudoClass UNPARSED = PseudoClass.getPseudoClass("unparsed");
    private static final PseudoClass SECRET = PseudoClass.getPseudoClass("secret");

    /**
     * @param refresh looks at the hooks directory again (through the form's view model)
     */
    public EnvPanelView(EnvPanelViewModel vm, Runnable refresh) {
        setId("env-panel");
        getStyleClass().add("env-panel");
        setSpacing(6);
        setPadding(new Insets(8));

        Label title = new Label("Hook environment");
        title.getStyleClass().add("panel-title");
        Label header = new Label();
        header.setId("env-header");
        header.setWrapText(true);
        // Whole on a short screen (1024x600): the panel gives its height to the table, never the hook's path away.
        header.setMinHeight(Region.USE_PREF_SIZE);
        header.textProperty().bind(vm.headerProperty());
        header.getStyleClass().add("env-header");
        vm.hookStateProperty().addListener((obs, was, now) -> styleHeader(header, now));
        styleHeader(header, vm.hookStateProperty().get());
        Label changed = new Label();
        changed.setId("env-changed");
        changed.setWrapText(true);
        changed.getStyleClass().add("env-summary");
        changed.textProperty().bind(vm.changedSummaryProperty());
        Label notShown = new Label();
        notShown.setId("env-not-shown");
        notShown.setWrapText(true);
        notShown.getStyleClass().add("env-summary");
        notShown.textProperty().bind(vm.notShownProperty());
        notShown.visibleProperty().bind(vm.notShownProperty().isNotEmpty());
        notShown.managedProperty().bind(notShown.visibleProperty());

        TextField filter = new TextField();
        filter.setId("env-filter");
        filter.setPromptText("Filter variables");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setMaxWidth(Double.MAX_VALUE);
        ToggleButton reveal = new ToggleButton("Reveal secrets", new FontIcon("fth-eye"));
        reveal.setId("env-reveal");
        reveal.selectedProperty().bindBidirectional(vm.revealSecretsProperty());
        reveal.setDisable(!vm.mayReveal());
        StackPane revealHolder = new StackPane(reveal);
        // A disabled control shows no tooltip, so the reason it is off goes on a wrapper that stays enabled.
        Tooltip.install(revealHolder, new Tooltip(vm.mayReveal()
                ? "Show the secret values (passwords, card numbers) the hook gets"
                : "Only supervisors can reveal secrets (members of the database role hookdesk_supervisor)"));
        Button copy = new Button("Copy as shell", new FontIcon("fth-copy"));
        copy.setId("env-copy");
        copy.setTooltip(new Tooltip("export lines and the hook's path, to reproduce the run in a terminal"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.copyAsShell());
            Clipboard.getSystemClipboard().setContent(content);
        });
        // Not just "Copied": which masked secrets were left out, to be set by hand (or which are in clear).
        Label copied = new Label();
        copied.setId("env-copied");
        copied.getStyleClass().add("env-copied");
        copied.setWrapText(true);
        copied.setMinHeight(Region.USE_PREF_SIZE);
        copied.textProperty().bind(vm.copiedProperty());
        copied.visibleProperty().bind(vm.copiedProperty().isNotEmpty());
        copied.managedProperty().bind(copied.visibleProperty());
        Button recheck = new Button(null, new FontIcon("fth-refresh-cw"));
        recheck.setId("env-recheck");
        recheck.setTooltip(new Tooltip("Check the hooks directory again"));
        recheck.setOnAction(e -> refresh.run());
        ToggleButton changedOnly = new ToggleButton("Changed only", new FontIcon("fth-filter"));
        changedOnly.setId("env-changed-only");
        changedOnly.selectedProperty().bindBidirectional(vm.changedOnlyProperty());
        changedOnly.setTooltip(new Tooltip("List only the NEW_ and OLD_ variables of the columns you changed"));
        FlowPane tools = new FlowPane(6, 6, revealHolder, copy, recheck, changedOnly);

        TableView<EnvEntry> table = new TableView<>();
        table.setId("env-table");
        TableColumn<EnvEntry, String> key = new TableColumn<>("Variable");
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().key()));
        key.setPrefWidth(170);
        TableColumn<EnvEntry, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().shownProperty());
        value.setCellFactory(c -> new ValueCell());
        value.prefWidthProperty().bind(table.widthProperty().subtract(key.widthProperty()).subtract(18));
        table.getColumns().add(key);
        table.getColumns().add(value);
        SortedList<EnvEntry> sorted = new SortedList<>(vm.orderedEntries());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> new EntryRow());
        table.setPlaceholder(new Label("No variables match the filter"));
        VBox.setVgrow(table, Priority.ALWAYS);

        table.getStyleClass().add("dense");
        getChildren().addAll(title, header, changed, notShown, filter, tools, copied, table);
    }

    private static void styleHeader(Label header, EnvPanelViewModel.HookState state) {
        header.getStyleClass().removeIf(s -> s.startsWith("hook-"));
        String icon = switch (state) {
            case WILL_RUN -> "fth-play-circle";
            case NOT_FIRED, NO_HOOK -> "fth-info";
            case REFUSED -> "fth-alert-triangle";
            case CHECKING -> "fth-loader";
        };
        header.getStyleClass().add("hook-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        header.setGraphic(new FontIcon(icon));
    }

    /** Marks changed, not-yet-valid and secret variables; follows the entry as the CSR types. */
    private static final class EntryRow extends TableRow<EnvEntry> {
        private final ChangeListener<Boolean> listener = (obs, was, now) -> refreshState();
        private EnvEntry watched;

        @Override
        protected void updateItem(EnvEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (watched != null) {
                watched.changedProperty().removeListener(listener);
                watched.unparsedProperty().removeListener(listener);
            }
            watched = empty ? null : item;
            if (watched != null) {
                watched.changedProperty().addListener(listener);
                watched.unparsedProperty().addListener(listener);
            }
            refreshState();
        }

        private void refreshState() {
            pseudoClassStateChanged(CHANGED, watched != null && watched.changed());
            pseudoClassStateChanged(UNPARSED, watched != null && watched.unparsed());
            pseudoClassStateChanged(SECRET, watched != null && watched.secret());
            setTooltip(watched != null && watched.unparsed()
                    ? new Tooltip("Not a valid value yet: the save will refuse it until the field is fixed") : null);
        }
    }

    /** Values in the monospace font, selectable by copying the row. */
    private static final class ValueCell extends TableCell<EnvEntry, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.replace("\n", "⏎"));
        }

        {
            getStyleClass().add("env-value");
        }
    }
}
