package io.hookdesk.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessLaunchTest {

    @Test
    void vforkOnlyOnLinuxWithJdk17() {
        assertThat(ProcessLaunch.applies(17, "Linux")).isTrue();
        assertThat(ProcessLaunch.applies(21, "Linux")).isFalse();
        assertThat(ProcessLaunch.applies(17, "Mac OS X")).isFalse();
    }

    @Test
    void anExplicitChoiceIsKept() {
        String before = System.getProperty(ProcessLaunch.PROPERTY);
        try {
            System.setProperty(ProcessLaunch.PROPERTY, "FORK");
            ProcessLaunch.preferVfork();
            assertThat(System.getProperty(ProcessLaunch.PROPERTY)).isEqualTo("FORK");
        } finally {
            if (before == null) {
                System.clearProperty(ProcessLaunch.PROPERTY);
            } else {
                System.setProperty(ProcessLaunch.PROPERTY, before);
            }
        }
    }
}
