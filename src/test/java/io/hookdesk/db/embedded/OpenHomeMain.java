package io.hookdesk.db.embedded;

import java.nio.file.Path;

/** Started in a separate JVM by {@link PostgresBinariesTest} (with its own {@code java.io.tmpdir}): opens a home's server and leaves it. */
public final class OpenHomeMain {

    private OpenHomeMain() {
    }

    public static void main(String[] args) {
        try (EmbeddedServer server = EmbeddedServer.open(Path.of(args[0]))) {
            System.out.println("OPENED " + server.port());
        }
    }
}
