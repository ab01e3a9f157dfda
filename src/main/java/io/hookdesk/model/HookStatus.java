package io.hookdesk.model;

import java.nio.file.Path;

/**
 * What the hooks directory holds for one table. Only {@link State#READY} runs; {@link State#ABSENT} lets the save
 * go ahead without a hook; the refusals stop the save, because a provisioning hook that silently does not run
 * leaves the ISP's systems out of step with billing.
 *
 * @param path     the hook as configured (the hooks directory as given, and the hook's name): what people are shown
 * @param verified for {@link State#READY}, the path to start: the hooks directory's real path and the hook's name,
 *                 every directory of whose resolution was checked ({@code hook.run.HookLocator}); null otherwise
 * @param where    where the hook is and would run ({@code hook.run.HookHost.where}): {@link #LOCAL},
 *                 {@code account:NAME}, {@code ssh://...}
 */
public record HookStatus(State state, Path path, String message, Path verified, String where) {

    public enum State { READY, ABSENT, NOT_EXECUTABLE, UNSAFE_PERMISSIONS, NOT_A_FILE, DIRECTORY_UNUSABLE }

    /** The {@link #where} of this workstation's own hooks directory ({@code hook.run.LocalHookHost}). */
    public static final String LOCAL = "local";

    /** A status with nothing to start. */
    public HookStatus(State state, Path path, String message) {
        this(state, path, message, null);
    }

    /** A status of this workstation's hooks directory. */
    public HookStatus(State state, Path path, String message, Path verified) {
        this(state, path, message, verified, LOCAL);
    }

    public boolean ready() {
        return state == State.READY;
    }

    public boolean absent() {
        return state == State.ABSENT;
    }

    /** Present but refused: the save must not go ahead. */
    public boolean refused() {
        return !ready() && !absent();
    }
}
