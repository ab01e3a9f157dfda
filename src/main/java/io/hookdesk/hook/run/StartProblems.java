package io.hookdesk.hook.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Why a hook cannot be started, in words that point at the fix. Messages name variables, never their values. */
final class StartProblems {

    private StartProblems() {
    }

    /** What makes {@code environment} impossible to pass faithfully with these charsets, or null if nothing. */
    static String environmentProblem(Map<String, String> environment, Charset... charsets) {
        // Asked of every variable of every run: one encoder per charset (two new ones per variable were a tenth of the
        // hook runner's CPU, PERFORMANCE.md), and text in ASCII alone passes, unencoded, any charset that contains ASCII.
        Map<Charset, CharsetEncoder> encoders = new LinkedHashMap<>();
        for (Charset charset : charsets) {
            encoders.computeIfAbsent(charset, Charset::newEncoder);
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                return "the environment variable name '" + key + "' is not allowed (empty, or holds '=' or NUL)";
            }
            if (value == null) {
                return "the environment variable " + key + " has no value";
            }
            if (value.indexOf('\0') >= 0) {
                return "the value of " + key + " holds a NUL character, which no process environment can carry";
            }
            boolean ascii = ascii(key) && ascii(value);
            for (Map.Entry<Charset, CharsetEncoder> c : encoders.entrySet()) {
                if (ascii && c.getKey().contains(StandardCharsets.US_ASCII)) {
                    continue;
                }
                if (!c.getValue().canEncode(key) || !c.getValue().canEncode(value)) {
                    return "the value of " + key + " cannot be passed as " + c.getKey().name()
                            + " text without damage; HookDesk must run under a UTF-8 locale (e.g. LC_ALL=C.UTF-8)";
                }
            }
        }
        return null;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A hint about why the hook could not be executed, starting with "; ", or "" when there is nothing to add. */
    static String explain(Path hook) {
        if (!Files.exists(hook)) {
            return "; " + hook + " does not exist (any more)";
        }
        String firstLine;
        try (InputStream in = Files.newInputStream(hook)) {
            byte[] start = in.readNBytes(256);
            int end = 0;
            while (end < start.length && start[end] != '\n') {
                end++;
            }
            firstLine = new String(start, 0, end, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "; " + hook + " cannot be read: " + e.getMessage();
        }
        if (!firstLine.startsWith("#!")) {
            return "";
        }
        if (firstLine.endsWith("\r")) {
            return "; the #! line of " + hook + " ends with a carriage return (Windows line endings);"
                    + " convert the file with dos2unix";
        }
        String interpreter = firstLine.substring(2).trim().split("[ \t]+", 2)[0];
        if (interpreter.isEmpty()) {
            return "; the #! line of " + hook + " names no interpreter";
        }
        Path program;
        try {
            program = Path.of(interpreter);
        } catch (RuntimeException e) {
            return "; the #! line of " + hook + " names an impossible path";
        }
        if (!Files.exists(program)) {
            return "; the interpreter " + interpreter + " named in the #! line of " + hook + " does not exist";
        }
        if (!Files.isExecutable(program) || Files.isDirectory(program)) {
            return "; the interpreter " + interpreter + " named in the #! line of " + hook + " is not executable";
        }
        return "";
    }
}
