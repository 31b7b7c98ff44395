package io.jwsgi.spring;

/**
 * The {@code Application} beans and {@code jwsgi.*} do not add up to a set of mounts: a path is
 * missing, taken twice, or configured for a bean that does not exist. {@link
 * JwsgiMountFailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO START" report.
 */
final class JwsgiMountException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String action;

    JwsgiMountException(String description, String action) {
        super(description);
        this.action = action;
    }

    /** What the user should do about it. */
    String action() {
        return this.action;
    }
}
