package io.hookdesk.model;

/** Who asked for a save. Hooks fire for people (desktop, command line), never for automated processing. */
public enum Origin {
    DESKTOP(true), COMMAND_LINE(true), AUTOMATED(false);

    private final boolean person;

    Origin(boolean person) {
        this.person = person;
    }

    public boolean isPerson() {
        return person;
    }
}
