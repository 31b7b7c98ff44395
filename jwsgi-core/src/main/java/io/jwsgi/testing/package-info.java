/**
 * Running JWSGI applications in tests without a server: {@link io.jwsgi.testing.TestClient}
 * and the {@link io.jwsgi.testing.TestResponse} it returns (like werkzeug's {@code Client} and
 * rack-test).
 */
package io.jwsgi.testing;
