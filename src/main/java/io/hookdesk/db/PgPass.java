package io.hookdesk.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a PostgreSQL password file ({@code ~/.pgpass} or {@code PGPASSFILE}) as libpq does:
 * lines {@code host:port:database:user:password}, {@code *} matches anything, {@code \:} and {@code \\} escape.
 * Like libpq, a file readable by group or others is ignored.
 */
public final class PgPass {

    private PgPass() {
    }

    public static Optional<String> lookup(Path file, String host, int port, String database, String user) {
        if (file == null || !Files.isRegularFile(file) || !privateFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> parts = split(line);
                if (parts.size() == 5
                        && matches(parts.get(0), host)
                        && matches(parts.get(1), Integer.toString(port))
                        && matches(parts.get(2), database)
                        && matches(parts.get(3), user)) {
                    return Optional.of(parts.get(4));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean privateFile(Path file) {
        try {
            var perms = Files.getPosixFilePermissions(file);
            return perms.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    private static boolean matches(String pattern, String value) {
        return "*".equals(pattern) || pattern.equals(value);
    }

    private static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && parts.size() < 4) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
