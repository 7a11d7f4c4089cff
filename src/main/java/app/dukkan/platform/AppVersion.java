package app.dukkan.platform;

/**
 * The running build's version (the project version from the build info), or {@code dev} when the
 * classes were not built by Maven.
 */
public record AppVersion(String value) {}
