package io.hookdesk.ui.form;

import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Makes the control for one field, by its {@link ControlKind}, bound to the field's text and error. */
final class FieldControls {

    static final PseudoClass DIRTY = PseudoClass.getPseudoClass("dirty");
    static final PseudoClass LOCKED = PseudoClass.getPseudoClass("locked");

    private FieldControls() {
    }

    /** The control, and the node that takes focus and carries the field's problem decoration. */
    record Made(Node node, Control input) {
    }

    /**
     * @param validation the form's ControlsFX validation, which draws a field's problem (the view model's words)
     *                   once the CSR touched the field
     */
    static Made make(FieldViewModel f, RecordFormViewModel form, ValidationSupport validation) {
        String id = "field-" + f.name();
        Made made = switch (f.spec().kind()) {
            case TEXT, NUMBER, MONEY, TIME -> {
                TextField t = new TextField();
                t.textProperty().bindBidirectional(f.textProperty());
                if (f.spec().kind() == ControlKind.NUMBER || f.spec().kind() == ControlKind.MONEY) {
                    t.getStyleClass().add("number-field");
                }
                if (f.spec().kind() == ControlKind.MONEY) {
                    t.setPromptText("0.00");
                }
                if (f.spec().kind() == ControlKind.TIME) {
                    t.setPromptText("HH:MM:SS");
                }
                yield new Made(t, t);
            }
            case READ_ONLY -> {
                TextField t = new TextField();
                t.textProperty().bind(f.textProperty());
                t.setEditable(false);
                t.setFocusTraversable(false);
                t.getStyleClass().add("read-only");
                yield new Made(t, t);
            }
            case TEXT_AREA -> {
                TextArea a = new TextArea();
                a.textProperty().bindBidirectional(f.textProperty());
                a.setPrefRowCount(5);
                a.setWrapText(true);
                yield new Made(a, a);
            }
            case SECRET -> {
                SecretField s = new SecretField(f.textProperty(), id, f.mayReveal(form.supervisor()));
                yield new Made(s, s.hiddenField());
            }
            case CHECK -> {
                CheckBox c = new CheckBox();
                syncCheck(c, f.textProperty());
                yield new Made(c, c);
            }
            case CODE -> {
                ComboBox<Code> c = combo(f.textProperty(), f.spec().codes(), Code::value, Code::display,
                        v -> new Code(v, "(unknown code)"));
                yield new Made(c, c);
            }
            case CHOICE -> {
                ComboBox<Choice> c = combo(f.textProperty(), form.choices(f.spec().lookup()),
                        ch -> Long.toString(ch.number()), Choice::display, v -> new Choice(parse(v), "(unknown)"));
                c.valueProperty().addListener((obs, was, now) -> f.commit());
                yield new Made(c, c);
            }
            case DATE -> dateField(f.textProperty());
            case REFERENCE -> {
                ReferenceField r = new ReferenceField(f, form);
                yield new Made(r, r.number);
            }
        };
        made.input().setId(id);
        decorate(f, made, validation);
        return made;
    }

    /**
     * The field's problem as ControlsFX decorations (an error mark whose tooltip names the problem, and the
     * {@code field-invalid} style class): the view model decides what the problem is and when it is shown
     * ({@link FieldViewModel#shownErrorProperty()}: once touched); the validator only reports that.
     */
    private static void decorate(FieldViewModel f, Made made, ValidationSupport validation) {
        Control input = made.input();
        Tooltip tip = new Tooltip();
        Runnable update = () -> tip.setText(f.shownError() != null ? f.labelProperty().get() + ": " + f.shownError()
                : f.labelProperty().get() + " (" + f.name() + ")"
                + (f.lockedProperty().get().isEmpty() ? "" : ": " + f.lockedProperty().get()));
        f.shownErrorProperty().addListener((obs, was, now) -> update.run());
        f.lockedProperty().addListener((obs, was, now) -> update.run());
        update.run();
        input.setTooltip(tip);
        showLock(f, made);
        input.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                f.touch();
            }
        });
        if (!f.spec().readOnly() && f.spec().kind() != ControlKind.READ_ONLY) {
            validation.registerValidator(input, false, (Control c, Object value) ->
                    ValidationResult.fromErrorIf(c, f.labelProperty().get() + ": " + f.shownError(), f.shownError() != null));
            f.shownErrorProperty().addListener((obs, was, now) -> validation.revalidate(input));
        }
        f.dirtyProperty().addListener((obs, was, now) -> input.pseudoClassStateChanged(DIRTY, now));
        input.pseudoClassStateChanged(DIRTY, f.dirty());
    }

    /**
     * A field the login's column grants keep it from changing: a text box stays readable and selectable (its tooltip
     * says why) but takes no typing; any other control is disabled. Follows the lock as the form's operation changes.
     */
    private static void showLock(FieldViewModel f, Made made) {
        if (f.spec().readOnly()) {
            return;
        }
        Runnable apply = () -> {
            boolean locked = !f.lockedProperty().get().isEmpty();
            if (made.node() == made.input() && made.input() instanceof TextInputControl t) {
                t.setEditable(!locked);
            } else {
                made.node().setDisable(locked);
            }
            made.input().pseudoClassStateChanged(LOCKED, locked);
        };
        f.lockedProperty().addListener((obs, was, now) -> apply.run());
        apply.run();
    }

    /** A check box for a boolean or a 0/1 flag: checked is "1", unchecked "0" (both parse for either kind). */
    private static void syncCheck(CheckBox c, StringProperty text) {
        text.addListener((obs, was, now) -> {
            if (c.isSelected() != on(now)) {
                c.setSelected(on(now));
            }
        });
        c.setSelected(on(text.get()));
        c.selectedProperty().addListener((obs, was, now) -> {
            if (on(text.get()) != now) {
                text.set(now ? "1" : "0");
            }
        });
    }

    private static boolean on(String text) {
        String t = text == null ? "" : text.trim();
        return !(t.isEmpty() || t.equals("0") || t.equalsIgnoreCase("false"));
    }

    /**
     * A drop-down whose selection is the field's text; a value not in the list gets an entry of its own. ControlsFX's
     * searchable kind: typing while it has the focus opens it with what was typed as a filter ("susp" finds
     * "2 Suspended", "fib" the Fiber products), and Enter takes the entry.
     */
    private static <T> ComboBox<T> combo(StringProperty text, List<T> items, Function<T, String> value,
                                         Function<T, String> display, Function<String, T> unknown) {
        ComboBox<T> c = new SearchableComboBox<>();
        List<T> all = new ArrayList<>(items);
        c.getItems().setAll(all);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : display.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        c.setMaxWidth(Double.MAX_VALUE);
        c.setPromptText("Choose…");
        Runnable fromText = () -> {
            String t = text.get() == null ? "" : text.get().trim();
            if (t.isEmpty()) {
                c.setValue(null);
                return;
            }
            T match = c.getItems().stream().filter(i -> value.apply(i).equals(t)).findFirst().orElse(null);
            if (match == null) {
                match = unknown.apply(t);
                c.getItems().add(match);
            }
            if (c.getValue() != match) {
                c.setValue(match);
            }
        };
        text.addListener((obs, was, now) -> fromText.run());
        fromText.run();
        c.valueProperty().addListener((obs, was, now) -> {
            if (now != null && !value.apply(now).equals(text.get())) {
                text.set(value.apply(now));
            }
        });
        return c;
    }

    /**
     * A date is typed (so what the CSR types is validated as typed, and a wrong date stays visible until fixed);
     * the calendar next to it only fills the text in.
     */
    private static Made dateField(StringProperty text) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(text);
        t.setPromptText("YYYY-MM-DD");
        DatePicker calendar = new DatePicker();
        calendar.setEditable(false);
        calendar.setFocusTraversable(false);
        calendar.getStyleClass().add("calendar-button");
        calendar.setPrefWidth(34);
        calendar.setMinWidth(34);
        calendar.setMaxWidth(34);
        calendar.setTooltip(new Tooltip("Pick a date"));
        Runnable fromText = () -> {
            try {
                LocalDate v = text.get() == null || text.get().isBlank() ? null : LocalDate.parse(text.get().trim());
                if (!Objects.equals(calendar.getValue(), v)) {
                    calendar.setValue(v);
                }
            } catch (DateTimeParseException e) {
                // the calendar stays where it was; the field shows the problem
            }
        };
        text.addListener((obs, was, now) -> fromText.run());
        fromText.run();
        calendar.valueProperty().addListener((obs, was, now) -> {
            if (now != null && !now.toString().equals(text.get())) {
                text.set(now.toString());
            }
        });
        HBox box = new HBox(4, t, calendar);
        HBox.setHgrow(t, Priority.ALWAYS);
        return new Made(box, t);
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
