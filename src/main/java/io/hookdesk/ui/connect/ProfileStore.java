package io.hookdesk.ui.connect;

import io.hookdesk.model.JdbcUrls;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Remembered connection profiles in {@code $HOOKDESK_HOME/profiles.properties}: name, URL and user of each.
 * There is deliberately no way to store a password here.
 */
public final class ProfileStore {

    private final Path file;

    public ProfileStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public List<ConnectionProfile> load() {
        Properties p = read();
        List<ConnectionProfile> out = new ArrayList<>();
        for (int i = 1; p.containsKey("profile." + i + ".url"); i++) {
            String name = p.getProperty("profile." + i + ".name", p.getProperty("profile." + i + ".url"));
            String user = p.getProperty("profile." + i + ".user", "");
            out.add(new ConnectionProfile(name, p.getProperty("profile." + i + ".url"), user.isEmpty() ? null : user));
        }
        return out;
    }

    /** The name of the profile used last, or null. */
    public String lastUsed() {
        return read().getProperty("last");
    }

    public void save(List<ConnectionProfile> profiles, String lastUsed) {
        Properties p = new Properties();
        int i = 1;
        for (ConnectionProfile profile : profiles) {
            if (profile.embedded()) {
                continue;
            }
            p.setProperty("profile." + i + ".name", profile.name());
            // Never a password, not even one typed into the URL (the connection used it; the file must not keep it).
            p.setProperty("profile." + i + ".url", JdbcUrls.withoutPassword(profile.url()));
            p.setProperty("profile." + i + ".user", profile.user() == null ? "" : profile.user());
            i++;
        }
        if (lastUsed != null) {
            p.setProperty("last", lastUsed);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "HookDesk connection profiles (no passwords: use ~/.pgpass or type it when connecting)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // an unreadable profiles file is no reason not to start: the embedded database still works
            }
        }
        return p;
    }
}
