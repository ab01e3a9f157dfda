package io.hookdesk.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** No document in the repository links to a file that is not there. */
class MarkdownLinksTest {

    @TempDir
    Path tree;

    @Test
    void everyRelativeLinkInTheRepositoryLeadsToAFileInIt() {
        Path repository = Path.of("").toAbsolutePath();
        assertThat(repository.resolve("pom.xml")).as("tests run from the repository's root").exists();

        assertThat(MarkdownLinks.broken(repository)).isEmpty();
    }

    @Test
    void theCheckerFindsBrokenLinksAndOnlyThose() throws IOException {
        Files.createDirectories(tree.resolve("docs/decisions"));
        Files.createDirectories(tree.resolve("target"));
        Files.writeString(tree.resolve("docs/decisions/0001-x.md"), "# x\n");
        Files.writeString(tree.resolve("docs/shot one.png"), "png");
        Files.writeString(tree.resolve("README.md"), """
                # Readme
                See [the decision](docs/decisions/0001-x.md#context), [the docs](docs/), [a shot](docs/shot%20one.png)
                and ![an image](<docs/shot one.png>), [top](/README.md "title"), [here](#readme), [web](https://x.org/a.md).
                A [missing page](docs/missing.md) and [a missing anchor's file](docs/gone.md#part) on one line.
                [outside](../elsewhere/README.md)
                `[in code](nowhere.md)`
                ```
                [in a fence](nowhere.md)
                ```
                [ref]: docs/nothing-here.md
                """);
        Files.writeString(tree.resolve("docs/page.md"), "Back to [the readme](../README.md), on to [x](decisions/0002-y.md).\n");
        Files.writeString(tree.resolve("target/generated.md"), "[ignored](nowhere.md)\n");

        assertThat(MarkdownLinks.broken(tree)).containsExactly(
                "README.md:4: docs/missing.md (no such file)",
                "README.md:4: docs/gone.md#part (no such file)",
                "README.md:5: ../elsewhere/README.md (outside the repository)",
                "README.md:10: docs/nothing-here.md (no such file)",
                "docs/page.md:1: decisions/0002-y.md (no such file)");
    }
}
