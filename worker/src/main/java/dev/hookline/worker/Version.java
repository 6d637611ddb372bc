package dev.hookline.worker;

/** The running Hookline version, from the jar manifest; "dev" when run from classes. */
public final class Version {
    private Version() {}

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
