package io.hookdesk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The version HookDesk's own schema reaches: the highest {@code V<n>__} under {@code db/hookdesk}. */
public final class Migrations {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    private Migrations() {
    }

    public static int latestVersion() {
        try (Stream<Path> files = Files.list(Path.of(Migrations.class.getClassLoader().getResource("db/hookdesk").toURI()))) {
            return files.map(p -> VERSION.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
