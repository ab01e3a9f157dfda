package io.hookdesk.ui.connect;

import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Which database to work on and who is working. The embedded database is the default; for a server, an empty
 * password means {@code ~/.pgpass}. The dialog stays open until the input is usable.
 */
public final class ConnectDialog extends Dialog<ConnectionRequest> {

    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    public ConnectDialog(Window owner, ConnectViewModel vm) {
        initOwner(owner);
        setTitle("Connect to a database");
        setHeaderText("Choose the database to work on, and sign in with your login name.");
        setGraphic(new FontIcon("fth-database"));
        getDialogPane().setId("connect-dialog");

        ComboBox<ConnectionProfile> profiles = new ComboBox<>(vm.profiles());
        profiles.setId("connect-profile");
        profiles.valueProperty().bindBidirectional(vm.selectedProperty());
        profiles.setMaxWidth(Double.MAX_VALUE);
        Button forget = new Button("Forget", new FontIcon("fth-trash-2"));
        forget.setId("connect-forget");
        forget.disableProperty().bind(vm.selectedProperty().isEqualTo(ConnectionProfile.EMBEDDED));
        forget.setOnAction(e -> vm.forgetSelected());

        TextField url = new TextField();
        url.setId("connect-url");
        url.setPromptText("empty: the embedded demo database; else jdbc:postgresql://host:5432/billmax");
        url.textProperty().bindBidirectional(vm.urlProperty());
        TextField user = new TextField();
        user.setId("connect-user");
        user.textProperty().bindBidirectional(vm.userProperty());
        user.disableProperty().bind(vm.embeddedProperty());
        PasswordField password = new PasswordField();
        password.setId("connect-password");
        password.setPromptText("empty: use ~/.pgpass (never stored by HookDesk)");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        password.disableProperty().bind(vm.embeddedProperty());
        TextField csr = new TextField();
        csr.setId("connect-csr");
        csr.textProperty().bindBidirectional(vm.csrProperty());
        CheckBox remember = new CheckBox("Remember as");
        remember.setId("connect-remember");
        remember.selectedProperty().bindBidirectional(vm.rememberProperty());
        remember.disableProperty().bind(vm.embeddedProperty());
        TextField name = new TextField();
        name.setId("connect-profile-name");
        name.setPromptText("profile name");
        name.textProperty().bindBidirectional(vm.profileNameProperty());
        name.disableProperty().bind(remember.selectedProperty().not().or(vm.embeddedProperty()));
        Label error = new Label();
        error.setId("connect-error");
        error.setWrapText(true);
        error.getStyleClass().add("form-message");
        error.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints(130);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setPrefWidth(380);
        grid.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        grid.addRow(row++, label("_Profile", profiles), new HBox(6, profiles, forget));
        HBox.setHgrow(profiles, Priority.ALWAYS);
        grid.addRow(row++, label("_URL", url), url);
        grid.addRow(row++, label("Database _user", user), user);
        grid.addRow(row++, label("Pass_word", password), password);
        grid.addRow(row++, remember, name);
        grid.addRow(row++, label("Your _login name", csr), csr);
        grid.add(error, 0, row, 2, 1);
        grid.getStyleClass().add("dialog-content");
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);

        // Keep the dialog open while the input is not usable, with the reason shown in it.
        ConnectionRequest[] accepted = new ConnectionRequest[1];
        getDialogPane().lookupButton(CONNECT).addEventFilter(ActionEvent.ACTION, e -> {
            accepted[0] = vm.accept().orElse(null);
            if (accepted[0] == null) {
                e.consume();
            }
        });
        setResultConverter(b -> b == CONNECT ? accepted[0] : null);
        setOnShown(e -> csr.requestFocus());
    }

    private static Label label(String text, Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }
}
