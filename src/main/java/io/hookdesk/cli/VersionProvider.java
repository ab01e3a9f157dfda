package io.hookdesk.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest; a build from source says so. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = HookDeskCommand.class.getPackage().getImplementationVersion();
        return new String[] {"hookdesk " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")};
    }
}
