package io.hookdesk.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the relative links in a tree's Markdown files ({@code [text](path)}, {@code ![alt](path)}, {@code [ref]: path},
 * each optionally with {@code #anchor}) that do not lead to an existing file or directory inside the tree. Links with a
 * scheme ({@code https:}, {@code mailto:}) and links to an anchor of the same page are not checked; nor is anything in
 * code (fenced blocks and {@code `spans`}), which is text, not a link.
 */
final class MarkdownLinks {

    /** Build output and version control, never documentation. */
    private static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules");

    private static final Pattern INLINE = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");

    private MarkdownLinks() {
    }

    /** Every broken link under {@code root}, as {@code file:line: target (why)}, paths relative to the root. */
    static List<String> broken(Path root) {
        Path top = root.toAbsolutePath().normalize();
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles(top)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                String text = CODE_SPAN.matcher(line).replaceAll("");
                List<String> targets = new ArrayList<>();
                Matcher inline = INLINE.matcher(text);
                while (inline.find()) {
                    targets.add(inline.group(1));
                }
                Matcher reference = REFERENCE.matcher(text);
                if (reference.matches()) {
                    targets.add(reference.group(1));
                }
                for (String target : targets) {
                    String problem = problem(top, file, target);
                    if (problem != null) {
                        broken.add(top.relativize(file) + ":" + (i + 1) + ": " + target + " (" + problem + ")");
                    }
                }
            }
        }
        return broken;
    }

    /** Why the link does not lead to a file in the tree, or null if it does or is not checked. */
    private static String problem(Path top, Path file, String target) {
        if (SCHEME.matcher(target).find() || target.startsWith("#")) {
            return null;
        }
        String path = target.replaceFirst("[#?].*$", "");
        if (path.isEmpty()) {
            return null;
        }
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path resolved = (path.startsWith("/") ? top.resolve(path.substring(1)) : file.getParent().resolve(path)).normalize();
        if (!resolved.startsWith(top)) {
            return "outside the repository";
        }
        return Files.exists(resolved) ? null : "no such file";
    }

    private static List<Path> markdownFiles(Path top) {
        try (Stream<Path> files = Files.walk(top)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> top.relativize(p).getNameCount() == 1
                            || Stream.iterate(top.relativize(p).getParent(), q -> q != null, Path::getParent)
                                    .noneMatch(q -> SKIPPED.contains(q.getFileName().toString())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
