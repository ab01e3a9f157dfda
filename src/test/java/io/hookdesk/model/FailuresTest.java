package io.hookdesk.model;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    private static final RuntimeException CHAIN = new IllegalStateException("Cannot use the database at x: check it",
            new RuntimeException(new SQLException("ERROR: permission denied for table service\n  Detail:   none")));

    @Test
    void theRootMessageIsTheDeepestCauseOnOneLine() {
        assertThat(Failures.rootMessage(CHAIN)).isEqualTo("ERROR: permission denied for table service Detail: none");
        assertThat(Failures.rootMessage(new IllegalStateException(new NullPointerException()))).isEqualTo("NullPointerException");
    }

    @Test
    void theFirstMessageIsTheOutermostSentenceSkippingWrappersWithoutOne() {
        assertThat(Failures.firstMessage(CHAIN)).isEqualTo("Cannot use the database at x: check it");
        assertThat(Failures.firstMessage(new RuntimeException((String) null, new SQLException("refused\nnow"))))
                .isEqualTo("refused now");
    }
}
