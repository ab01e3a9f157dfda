package io.hookdesk.ui.connect;

import io.hookdesk.save.CsrLabel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connection dialog: the embedded database (the default) or a PostgreSQL server by URL and user, a password that
 * is only held in memory (empty: {@code ~/.pgpass}), the CSR's login name, and remembered profiles.
 */
public final class ConnectViewModel {

    private final ProfileStore store;
    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty csr = new SimpleStringProperty(this, "csr", "");
    private final StringProperty profileName = new SimpleStringProperty(this, "profileName", "");
    private final BooleanProperty remember = new SimpleBooleanProperty(this, "remember", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding embedded = Bindings.createBooleanBinding(() -> url.get() == null || url.get().isBlank(), url);

    public ConnectViewModel(ProfileStore store, String csrName, String problem) {
        this.store = store;
        profiles.add(ConnectionProfile.EMBEDDED);
        profiles.addAll(store.load());
        csr.set(csrName == null ? "" : csrName);
        error.set(problem == null ? "" : problem);
        selected.addListener((obs, was, now) -> {
            if (now != null) {
                url.set(now.embedded() ? "" : now.url());
                user.set(now.user() == null ? "" : now.user());
                password.set("");
                profileName.set(now.embedded() ? "" : now.name());
            }
        });
        String last = store.lastUsed();
        selected.set(profiles.stream().filter(p -> p.name().equals(last)).findFirst().orElse(ConnectionProfile.EMBEDDED));
    }

    /** The request to connect with, or empty with {@link #errorProperty()} saying what to fix. */
    public Optional<ConnectionRequest> accept() {
        String who = csr.get() == null ? "" : csr.get().trim();
        if (who.isEmpty()) {
            error.set("Enter your name: it is recorded with every save, beside the database login that saved.");
            return Optional.empty();
        }
        Optional<String> problem = CsrLabel.problem(who);
        if (problem.isPresent()) {
            error.set("Your name " + problem.get() + ".");
            return Optional.empty();
        }
        if (embedded.get()) {
            error.set("");
            remember(ConnectionProfile.EMBEDDED.name(), null);
            return Optional.of(ConnectionRequest.embedded(who));
        }
        String u = url.get().trim();
        if (!u.startsWith("jdbc:postgresql://")) {
            error.set("The URL must look like jdbc:postgresql://host:5432/billmax (or leave it empty for the embedded database).");
            return Optional.empty();
        }
        String dbUser = user.get() == null || user.get().isBlank() ? null : user.get().trim();
        String name = profileName.get() == null || profileName.get().isBlank() ? u : profileName.get().trim();
        error.set("");
        remember(name, remember.get() ? new ConnectionProfile(name, u, dbUser) : null);
        String pw = password.get() == null || password.get().isEmpty() ? null : password.get();
        return Optional.of(new ConnectionRequest(u, dbUser, pw, who));
    }

    private void remember(String lastName, ConnectionProfile profile) {
        List<ConnectionProfile> all = new ArrayList<>(profiles);
        if (profile != null) {
            all.removeIf(p -> p.name().equals(profile.name()));
            all.add(profile);
            profiles.setAll(all);
        }
        try {
            store.save(all, lastName);
        } catch (RuntimeException e) {
            // not remembering a profile must not stop the CSR from connecting
        }
    }

    /** Forgets the selected profile (never the embedded one). */
    public void forgetSelected() {
        ConnectionProfile p = selected.get();
        if (p == null || p.embedded()) {
            return;
        }
        profiles.remove(p);
        selected.set(ConnectionProfile.EMBEDDED);
        try {
            store.save(profiles, ConnectionProfile.EMBEDDED.name());
        } catch (RuntimeException e) {
            error.set("Could not update " + store.file() + ": " + e.getMessage());
        }
    }

    /**
     * The dialog again after {@code tried} could not be opened: the URL, database user and login name as the CSR
     * typed them (the password is typed again: it may be what was wrong).
     */
    public void retry(ConnectionRequest tried) {
        url.set(tried.embedded() ? "" : tried.url());
        user.set(tried.user() == null ? "" : tried.user());
        password.set("");
        if (tried.csr() != null && !tried.csr().isBlank()) {
            csr.set(tried.csr());
        }
    }

    /** Shows why connecting failed, keeping the dialog's fields as they were. */
    public void fail(String problem) {
        error.set(problem);
    }

    public ObservableList<ConnectionProfile> profiles() {
        return profiles;
    }

    public ObjectProperty<ConnectionProfile> selectedProperty() {
        return selected;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty csrProperty() {
        return csr;
    }

    public StringProperty profileNameProperty() {
        return profileName;
    }

    public BooleanProperty rememberProperty() {
        return remember;
    }

    public BooleanBinding embeddedProperty() {
        return embedded;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
