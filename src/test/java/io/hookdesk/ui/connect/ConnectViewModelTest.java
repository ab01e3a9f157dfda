package io.hookdesk.ui.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectViewModelTest {

    @TempDir
    Path home;

    @Test
    void theEmbeddedDatabaseIsTheDefaultAndTheCsrIsTheOsUser() {
        ConnectViewModel vm = new ConnectViewModel(new ProfileStore(home.resolve("profiles.properties")), "carol", null);

        assertThat(vm.selectedProperty().get()).isEqualTo(ConnectionProfile.EMBEDDED);
        assertThat(vm.csrProperty().get()).isEqualTo("carol");
        assertThat(vm.accept()).contains(ConnectionRequest.embedded("carol"));
    }

    @Test
    void aRememberedProfileKeepsUrlAndUserButNeverThePassword() throws Exception {
        Path file = home.resolve("profiles.properties");
        ConnectViewModel vm = new ConnectViewModel(new ProfileStore(file), "carol", null);
        vm.urlProperty().set("jdbc:postgresql://billing.example.net:5432/billmax");
        vm.userProperty().set("csr");
        vm.passwordProperty().set("hunter2-secret");
        vm.profileNameProperty().set("Production");
        vm.rememberProperty().set(true);

        ConnectionRequest r = vm.accept().orElseThrow();

        assertThat(r.password()).isEqualTo("hunter2-secret");
        assertThat(r.toString()).doesNotContain("hunter2");
        String stored = Files.readString(file);
        assertThat(stored).contains("billing.example.net").contains("Production").doesNotContain("hunter2");

        ConnectViewModel again = new ConnectViewModel(new ProfileStore(file), "carol", null);
        assertThat(again.selectedProperty().get().name()).isEqualTo("Production");
        assertThat(again.urlProperty().get()).isEqualTo("jdbc:postgresql://billing.example.net:5432/billmax");
        assertThat(again.userProperty().get()).isEqualTo("csr");
        assertThat(again.passwordProperty().get()).isEmpty();
        assertThat(again.accept().orElseThrow().password()).as("empty password: use ~/.pgpass").isNull();
    }

    @Test
    void aLoginNameAndAPostgresUrlAreRequired() {
        ConnectViewModel vm = new ConnectViewModel(new ProfileStore(home.resolve("p.properties")), " ", null);
        assertThat(vm.accept()).isEmpty();
        assertThat(vm.errorProperty().get()).contains("Enter your name");

        vm.csrProperty().set("carol");
        vm.urlProperty().set("mysql://billing");
        assertThat(vm.accept()).isEmpty();
        assertThat(vm.errorProperty().get()).contains("jdbc:postgresql://");
    }

    @Test
    void forgettingAProfileRemovesItFromTheFile() throws Exception {
        Path file = home.resolve("profiles.properties");
        new ProfileStore(file).save(java.util.List.of(new ConnectionProfile("Test", "jdbc:postgresql://t/db", "u")), "Test");
        ConnectViewModel vm = new ConnectViewModel(new ProfileStore(file), "carol", null);
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Test");

        vm.forgetSelected();

        assertThat(new ProfileStore(file).load()).isEmpty();
        assertThat(vm.selectedProperty().get()).isEqualTo(ConnectionProfile.EMBEDDED);
    }

    @Test
    void aNameThatCouldForgeALogLineOrNotFitIsRefused() {
        ConnectViewModel vm = new ConnectViewModel(new ProfileStore(home.resolve("p.properties")), "eve\nFAKE", null);
        assertThat(vm.accept()).isEmpty();
        assertThat(vm.errorProperty().get()).contains("control");

        vm.csrProperty().set("m".repeat(101));
        assertThat(vm.accept()).isEmpty();
        assertThat(vm.errorProperty().get()).contains("at most 100");

        vm.csrProperty().set("m".repeat(100));
        assertThat(vm.accept()).isPresent();
    }
}
