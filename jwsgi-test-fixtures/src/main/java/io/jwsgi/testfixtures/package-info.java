/**
 * Test fixtures that the jwsgi modules' tests share, one copy each (issue 16): the generated
 * requests of the differential tests ({@link io.jwsgi.testfixtures.RequestGenerator}), the
 * bad-input cases ({@link io.jwsgi.testfixtures.BadRequests}), the shared conformance corpus and
 * its harness ({@link io.jwsgi.testfixtures.Shared}, {@link
 * io.jwsgi.testfixtures.ConformanceHarness}, {@link io.jwsgi.testfixtures.ConformanceEcho}), CPython
 * processes ({@link io.jwsgi.testfixtures.PythonProcess}), close counting under load ({@link
 * io.jwsgi.testfixtures.CloseCounter}) and an in-memory socket ({@link
 * io.jwsgi.testfixtures.InMemorySocket}).
 *
 * <p><b>Not for users</b>: no part of jwsgi's API, never deployed, changed whenever a test needs
 * it. It depends on no jwsgi module (only the JDK and JUnit's API), so that jwsgi-core's own tests
 * can use it as well as those of the modules above it.
 */
package io.jwsgi.testfixtures;
