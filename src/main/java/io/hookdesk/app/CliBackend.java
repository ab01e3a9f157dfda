package io.hookdesk.app;

import io.hookdesk.admin.DatabaseAdmin;
import io.hookdesk.cli.Backend;
import io.hookdesk.cli.GlobalOptions;
import io.hookdesk.db.DatabaseUnavailableException;
import io.hookdesk.db.schema.SchemaOutOfDateException;
import io.hookdesk.hook.run.HookHost;
import io.hookdesk.hook.run.InFlightHooks;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.ServiceStates;
import io.hookdesk.records.RecordService;
import io.hookdesk.renewal.Renewal;
import io.hookdesk.save.FailureLog;
import io.hookdesk.save.SaveService;
import io.hookdesk.save.StateCascade;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The composition root's side of the command line: resolves the global options into an {@link AppConfig} and opens
 * an {@link AppContext} whose non-interactive failures go to {@link HookLogFile}, and builds the services the command
 * line uses over it (the command line builds none itself). Closing the services closes both.
 */
public final class CliBackend implements Backend {

    private final Map<String, String> env;
    private final Map<String, String> sys;
    private final BiFunction<AppConfig, FailureLog, AppContext> opener;

    /**
     * @param env    environment variables (HOOKDESK_HOME ...)
     * @param sys    system properties (user.home, user.dir ...)
     * @param opener opens and wires the context; {@link AppContext#open} in the real process
     */
    public CliBackend(Map<String, String> env, Map<String, String> sys, BiFunction<AppConfig, FailureLog, AppContext> opener) {
        this.env = Map.copyOf(env);
        this.sys = Map.copyOf(sys);
        this.opener = opener;
    }

    /** This process's environment and system properties, and the real {@link AppContext#open}. */
    public static CliBackend system() {
        Map<String, String> sys = new HashMap<>();
        System.getProperties().forEach((k, v) -> sys.put(String.valueOf(k), String.valueOf(v)));
        return new CliBackend(System.getenv(), sys, AppContext::open);
    }

    public static AppConfig.Overrides overrides(GlobalOptions o) {
        return new AppConfig.Overrides(o.home(), o.dbUrl(), o.dbUser(), o.hooksDir(), o.hookTimeout(), o.logFile(), o.dbSchema(),
                o.hookRunner());
    }

    public AppConfig config(GlobalOptions options) {
        return AppConfig.resolve(overrides(options), env, sys);
    }

    @Override
    public Settings settings(GlobalOptions options) {
        AppConfig c = config(options);
        return new Settings(c.hooksDir(), c.logFile());
    }

    @Override
    public HookHost hookHost(GlobalOptions options) {
        return AppContext.hookHost(config(options), new InFlightHooks(null));
    }

    @Override
    public Services open(GlobalOptions options) {
        AppConfig c = config(options);
        HookLogFile log = new HookLogFile(c.logFile());
        AppContext app;
        try {
            app = opener.apply(c, log);
        } catch (DatabaseUnavailableException e) {
            log.close();
            throw new Unavailable(e.getMessage(), e, e instanceof SchemaOutOfDateException);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        DatabaseAdmin admin = new DatabaseAdmin(app.database(), app.records().tables());
        return new Services() {
            @Override
            public SaveService saves() {
                return app.saves();
            }

            @Override
            public StateCascade cascades() {
                return app.cascades();
            }

            @Override
            public RecordService records() {
                return app.records();
            }

            @Override
            public DatabaseAdmin admin() {
                return admin;
            }

            @Override
            public Renewal renewal() {
                var hook = app.hooks().locate(HookedTable.SERVICE);
                var state = app.records().meta(HookedTable.SERVICE).column("state").orElseThrow();
                String open = Renewal.openState(state, ServiceStates.stored(HookedTable.SERVICE, state,
                        app.saves().valueSettings(), ServiceStates.OPEN));
                return new Renewal(app.database(), app.records().tables().table(HookedTable.SERVICE),
                        hook.absent() ? "" : hook.path().toString(), Clock.systemUTC(), open);
            }

            @Override
            public FailureLog.Unwritten unlogged() {
                return log.unwritten();
            }

            @Override
            public boolean supervisor() {
                return app.supervisor();
            }

            @Override
            public void allowConnections(int connections) {
                app.database().allowConnections(connections);
            }

            @Override
            public void close() {
                try {
                    app.close();
                } finally {
                    log.close();
                }
            }
        };
    }
}
