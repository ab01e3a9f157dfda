package io.hookdesk.ui.form;

import io.hookdesk.model.HookedTable;
import io.hookdesk.ui.FakeDialogs;
import io.hookdesk.ui.UiFixture;
import io.hookdesk.ui.connect.Session;
import io.hookdesk.ui.task.SameThreadTaskExecutor;
import javafx.beans.value.ObservableBooleanValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may see a secret field's text on the form: supervisors always, others only what they typed into an empty field. */
class SecretRevealTest {

    @RegisterExtension
    static final UiFixture fx = UiFixture.demo();

    int service;

    @BeforeEach
    void aServiceWithAStoredPassword() {
        fx.hooks.remove(HookedTable.SERVICE);
        service = fx.anOpenService();
        fx.context.database().dsl().execute("UPDATE service SET d02 = 'stored-pw' WHERE number = ?", service);
    }

    RecordFormViewModel open(Session session) {
        RecordFormViewModel f = new RecordFormViewModel(HookedTable.SERVICE, session, new SameThreadTaskExecutor(),
                new FakeDialogs(), new FormOverlays(), Clock.systemUTC());
        f.open(service);
        assertThat(f.readyProperty().get()).isTrue();
        return f;
    }

    @Test
    void aSupervisorMayRevealAStoredPassword() {
        RecordFormViewModel f = open(fx.session(true));

        assertThat(f.field("d02").mayReveal(f.supervisor()).get()).isTrue();
    }

    @Test
    void aCsrMayNotRevealAStoredPasswordEvenWhileTypingOverIt() {
        RecordFormViewModel f = open(fx.session(false));
        FieldViewModel password = f.field("d02");
        ObservableBooleanValue mayReveal = password.mayReveal(f.supervisor());

        assertThat(mayReveal.get()).isFalse();
        password.textProperty().set("stored-pw-and-more");
        assertThat(mayReveal.get()).as("appending to the stored value would show it").isFalse();
    }

    @Test
    void aCsrSeesWhatTheyTypeIntoAnEmptyPasswordUntilItIsSaved() {
        fx.context.database().dsl().execute("UPDATE service SET d02 = '' WHERE number = ?", service);
        RecordFormViewModel f = open(fx.session(false));
        FieldViewModel password = f.field("d02");
        ObservableBooleanValue mayReveal = password.mayReveal(f.supervisor());

        assertThat(mayReveal.get()).isTrue();
        password.textProperty().set("n3w-pass");
        assertThat(mayReveal.get()).isTrue();

        f.save();

        assertThat(f.dirty()).as(f.messageProperty().get()).isFalse();
        assertThat(password.originalText()).isEqualTo("n3w-pass");
        assertThat(mayReveal.get()).as("once saved it is a stored password").isFalse();
    }
}
