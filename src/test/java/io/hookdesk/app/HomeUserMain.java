package io.hookdesk.app;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A desktop-like HookDesk in a JVM of its own, for {@link SharedHomeTest}: opens the home as the desktop does
 * ({@link AppContext#open}) and keeps it open. Reads commands on stdin: {@code save NUMBER VALUE} saves service
 * NUMBER's d04 through the one save path and answers {@code SAVED outcome}; end of input closes and exits.
 */
public final class HomeUserMain {

    private HomeUserMain() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.resolve(new AppConfig.Overrides(Path.of(args[0]), null, null, Path.of(args[1]), null, null),
                Map.of(), Map.of("user.home", System.getProperty("user.home")));
        try (AppContext app = AppContext.open(config, (request, result) -> { })) {
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.split(" ");
                if (words[0].equals("save")) {
                    SaveResult r = app.saves().save(SaveRequest.update(HookedTable.SERVICE, Integer.parseInt(words[1]),
                            Map.of("d04", words[2]), null, Origin.DESKTOP, "desk"));
                    System.out.println("SAVED " + r.outcome().label());
                    System.out.flush();
                }
            }
        }
    }
}
