package io.hookdesk.db.embedded;

import io.hookdesk.db.PrivatePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which processes use a home's embedded server, kept by the kernel so that a process that dies, however it dies,
 * stops counting at once.
 *
 * <p>Two lock files in the home: every process that uses the server holds a shared lock on {@code .server-users.lock}
 * for as long as it does; and whoever starts, joins, leaves or stops the server holds an exclusive lock on
 * {@code .server-start.lock} meanwhile, so these steps never interleave (ten processes started at once on a new home
 * queue there, and the first one creates the database). A process that can take {@code .server-users.lock}
 * exclusively knows no other live process uses the server: a postmaster still running then is an orphan.
 *
 * <p>These are POSIX record locks ({@link FileChannel#lock}): they belong to the process, and closing any descriptor
 * of the file drops all of that process's locks on it. So each JVM keeps exactly one {@code HomeLock} per home (this
 * class's table) and counts its own users of the server in it; the table is process-wide because the kernel's locks
 * are. Thread-safe.
 */
final class HomeLock {

    private static final Map<Path, HomeLock> OPEN = new HashMap<>();

    private final ReentrantLock inThisProcess = new ReentrantLock();
    private final FileChannel start;
    private final FileChannel users;
    private FileLock startLock;
    private FileLock sharedUse;
    private int usersHere;

    private HomeLock(FileChannel start, FileChannel users) {
        this.start = start;
        this.users = users;
    }

    /** This process's lock of {@code home} (creating the home and its lock files if needed). */
    static HomeLock of(Path home) {
        Path key = home.toAbsolutePath().normalize();
        synchronized (OPEN) {
            HomeLock lock = OPEN.get(key);
            if (lock == null) {
                try {
                    PrivatePaths.createDirectories(key);
                    lock = new HomeLock(open(key.resolve(".server-start.lock")), open(key.resolve(".server-users.lock")));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the lock files in " + key + ": " + e.getMessage(), e);
                }
                OPEN.put(key, lock);
            }
            return lock;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: the same file
            }
        }
        return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Waits until no other thread or process is starting, joining, leaving or stopping this home's server. */
    void beginChange() {
        inThisProcess.lock();
        try {
            startLock = start.lock();
        } catch (IOException | RuntimeException e) {
            inThisProcess.unlock();
            throw new IllegalStateException("cannot lock " + start + ": " + e.getMessage(), e);
        }
    }

    void endChange() {
        try {
            startLock.release();
        } catch (IOException e) {
            // the channel stays open; a lock that did not release is released when the process ends
        } finally {
            startLock = null;
            inThisProcess.unlock();
        }
    }

    /** True when no process at all (this one included) uses the server. Only between begin and end of a change. */
    boolean unused() {
        requireChange();
        if (usersHere > 0) {
            return false;
        }
        try {
            FileLock exclusive = users.tryLock();
            if (exclusive == null) {
                return false;
            }
            exclusive.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts one more user in this process (taking the shared lock for the first). */
    void join() {
        requireChange();
        if (usersHere == 0) {
            try {
                sharedUse = users.lock(0, Long.MAX_VALUE, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        usersHere++;
    }

    /** Counts one user less in this process (dropping the shared lock with the last). */
    void leave() {
        requireChange();
        if (usersHere == 0) {
            return;
        }
        if (--usersHere == 0) {
            try {
                sharedUse.release();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sharedUse = null;
        }
    }

    private void requireChange() {
        if (!inThisProcess.isHeldByCurrentThread()) {
            throw new IllegalStateException("the home's server is changed only inside beginChange/endChange");
        }
    }
}
