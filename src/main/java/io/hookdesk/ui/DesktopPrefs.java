package io.hookdesk.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the desktop remembers between sessions for this CSR (the theme, whether the environment panel is open), in
 * {@code desktop.properties} beside the connection profiles. Nothing here is a secret. A file that cannot be read
 * or written costs the CSR their preference, never the window.
 */
public final class DesktopPrefs {

    private final Path file;
    private final Properties values = new Properties();

    public DesktopPrefs(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear();
            }
        }
    }

    public String get(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    public boolean flag(String key, boolean fallback) {
        String v = values.getProperty(key);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    public void put(String key, String value) {
        values.setProperty(key, value);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                values.store(out, "HookDesk desktop preferences");
            }
        } catch (IOException e) {
            // the preference lasts for this session only
        }
    }

    public Path file() {
        return file;
    }
}
