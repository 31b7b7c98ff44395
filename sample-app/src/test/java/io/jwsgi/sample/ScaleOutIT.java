package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guestbook scaled out, as {@code deploy/run.sh} starts it: one PostgreSQL, two instances of
 * the packaged jar (separate JVMs, configured by {@code SPRING_DATASOURCE_*} alone) and nginx
 * balancing them, all on 127.0.0.1 on free ports. A note posted through one instance is listed by
 * the other; 2 x 32 concurrent posters for 10 s (32 on each instance) lose no note and store none
 * twice: the rows of the run are counted against the 201 responses, id for id. Each instance's
 * health shows the database, and its {@code jwsgi.requests} meter counts exactly the notes it
 * created.
 *
 * <p>Run by failsafe after {@code package} ({@code ./mvnw -B -ntp verify}). Skipped, saying what
 * to install, where PostgreSQL or nginx is missing (exit status 3 of the script).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LOAD = Duration.ofSeconds(10);
    private static final int POSTERS_PER_INSTANCE = 32;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private static Process script;
    private static Thread reader;
    private static Path work;
    private static final StringBuffer output = new StringBuffer();
    private static int nginxPort;
    private static int pgPort;
    private static List<Integer> appPorts;

    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    @BeforeAll
    static void startPostgresTwoInstancesAndNginx() throws Exception {
        String jar = System.getProperty("sample.jar");
        if (jar == null) {
            // Surefire with -Dtest=... matching this class: only failsafe, after package, has the jar.
            abort("ScaleOutIT runs under failsafe after package (./mvnw -B -ntp verify), which sets sample.jar");
        }
        assertThat(Path.of(jar)).as("the packaged sample").isRegularFile();
        work = Files.createTempDirectory("jwsgi-scale-out");
        // Run as root, postgres.sh hands work/postgres to an unprivileged user, who must get through.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        nginxPort = TestPostgres.freePort();
        appPorts = List.of(TestPostgres.freePort(), TestPostgres.freePort());
        pgPort = TestPostgres.freePort();
        ProcessBuilder builder =
                new ProcessBuilder("bash", Path.of("deploy", "run.sh").toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAR", jar);
        env.put("WORK", work.toString());
        env.put("NGINX_PORT", Integer.toString(nginxPort));
        env.put("APP1_PORT", Integer.toString(appPorts.get(0)));
        env.put("APP2_PORT", Integer.toString(appPorts.get(1)));
        env.put("PG_PORT", Integer.toString(pgPort));
        env.put("PGPASSWORD", TestPostgres.PASSWORD);
        env.put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
        script = builder.start();
        CountDownLatch ready = new CountDownLatch(1);
        reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            System.out.println("[run.sh] " + line);
                            output.append(line).append('\n');
                            if (line.startsWith("run.sh: ready:")) {
                                ready.countDown();
                            }
                        }
                    } catch (IOException e) {
                        output.append(e).append('\n');
                    } finally {
                        ready.countDown();
                    }
                },
                "run.sh-output");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(300, TimeUnit.SECONDS)) {
            fail("deploy/run.sh was not ready within 300 s:\n" + output);
        }
        if (!script.isAlive()) {
            script.waitFor(10, TimeUnit.SECONDS);
            if (script.exitValue() == 3) {
                abort("scale-out test skipped: " + output.toString().strip());
            }
            fail("deploy/run.sh stopped with status " + script.exitValue() + ":\n" + output);
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (script != null) {
                List<ProcessHandle> started = script.descendants().toList();
                // SIGTERM: run.sh stops nginx, both instances and PostgreSQL. (Process.destroy()
                // would also close the pipe, and the script's last words with it.)
                script.toHandle().destroy();
                if (!script.waitFor(120, TimeUnit.SECONDS)) {
                    started.forEach(ProcessHandle::destroyForcibly);
                    script.destroyForcibly();
                    fail("deploy/run.sh did not stop within 120 s:\n" + output);
                }
                reader.join(10_000);
                assertThat(output.toString()).contains("run.sh: stopped");
                assertThat(started).as("every process run.sh started has ended").noneMatch(ProcessHandle::isAlive);
            }
        } finally {
            if (work != null) {
                try (Stream<Path> files = Files.walk(work)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String author, String text) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                MAPPER.writeValueAsString(Map.of("author", author, "text", text))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return MAPPER.readValue(response.body(), JSON_OBJECT);
    }

    private static List<?> notes(HttpResponse<String> list) {
        return (List<?>) json(list).get("notes");
    }

    @Test
    @Order(1)
    void aNotePostedThroughOneInstanceIsListedByTheOther() throws Exception {
        for (int from = 0; from < 2; from++) {
            int to = 1 - from;
            String text = "posted through instance " + (from + 1) + " " + UUID.randomUUID();
            HttpResponse<String> created = post(base(appPorts.get(from)) + "/api/notes", "Ada", text);
            assertThat(created.statusCode()).isEqualTo(201);
            Object id = json(created).get("id");

            HttpResponse<String> list = get(base(appPorts.get(to)) + "/api/notes?limit=5");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(notes(list).get(0)).isEqualTo(json(created));
            HttpResponse<String> one = get(base(appPorts.get(to))
                    + created.headers().firstValue("Location").orElseThrow());
            assertThat(one.body()).isEqualTo(created.body());
            assertThat(get(base(appPorts.get(to)) + "/").body()).contains(text).contains("id=\"note-" + id + "\"");
        }
    }

    @Test
    @Order(2)
    void nginxSharesTheRequestsBetweenBothInstances() throws Exception {
        String text = "posted through nginx " + UUID.randomUUID();
        HttpResponse<String> created = post(base(nginxPort) + "/api/notes", "nginx", text);
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        Set<String> upstreams = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> one = get(base(nginxPort) + location);
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(one.body()).isEqualTo(created.body());
            upstreams.add(one.headers().firstValue("X-Upstream").orElseThrow());
        }
        assertThat(upstreams).containsExactlyInAnyOrder("127.0.0.1:" + appPorts.get(0), "127.0.0.1:" + appPorts.get(1));
    }

    @Test
    @Order(3)
    void eachInstanceShowsTheDatabaseInItsHealthAndItsJwsgiMeters() throws Exception {
        for (int port : appPorts) {
            HttpResponse<String> health = get(base(port) + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health)).containsEntry("status", "UP");
            assertThat(json(health).get("components"))
                    .asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("db", Map.of("status", "UP"));
            assertThat(get(base(port) + "/actuator/metrics").body())
                    .contains("\"jwsgi.requests\"")
                    .contains("\"jwsgi.requests.active\"");
            assertThat(createdCount(port)).isPositive();
        }
    }

    /** The {@code jwsgi.requests} count of the API's 201 answers to POST on one instance. */
    private static long createdCount(int port) throws Exception {
        HttpResponse<String> metric =
                get(base(port) + "/actuator/metrics/jwsgi.requests?tag=app:api&tag=method:POST&tag=status:201");
        if (metric.statusCode() == 404) {
            return 0;
        }
        assertThat(metric.statusCode()).isEqualTo(200);
        for (Object m : (List<?>) json(metric).get("measurements")) {
            if ("COUNT".equals(((Map<?, ?>) m).get("statistic"))) {
                return ((Number) ((Map<?, ?>) m).get("value")).longValue();
            }
        }
        throw new AssertionError("no COUNT in " + metric.body());
    }

    private record Posted(String id, String text, int instance) {}

    @Test
    @Order(4)
    void concurrentPostersOnBothInstancesLoseNoNoteAndDuplicateNone() throws Exception {
        String run = "load-" + UUID.randomUUID();
        long[] metersBefore = {createdCount(appPorts.get(0)), createdCount(appPorts.get(1))};
        ConcurrentLinkedQueue<Posted> posted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> posters = new ArrayList<>();
        long deadline = System.nanoTime() + LOAD.toNanos();
        long started = System.nanoTime();
        for (int instance = 0; instance < 2; instance++) {
            String url = base(appPorts.get(instance)) + "/api/notes";
            for (int p = 0; p < POSTERS_PER_INSTANCE; p++) {
                int inst = instance;
                String poster = "poster-" + (instance + 1) + "-" + p;
                Thread thread = new Thread(
                        () -> {
                            for (int n = 0; System.nanoTime() < deadline; n++) {
                                String text = run + " " + poster + " " + n;
                                try {
                                    HttpResponse<String> response = post(url, poster, text);
                                    if (response.statusCode() == 201) {
                                        posted.add(new Posted(
                                                (String) json(response).get("id"), text, inst));
                                    } else {
                                        errors.add(response.statusCode() + " " + response.body());
                                    }
                                } catch (Exception e) {
                                    errors.add(e.toString());
                                }
                            }
                        },
                        poster);
                posters.add(thread);
                thread.start();
            }
        }
        for (Thread thread : posters) {
            thread.join(TIMEOUT.plus(LOAD).toMillis());
            assertThat(thread.isAlive()).as(thread.getName() + " stopped").isFalse();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<String, String> rows = new HashMap<>();
        int rowCount = 0;
        try (Connection db = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + pgPort + "/guestbook",
                        TestPostgres.USER,
                        TestPostgres.PASSWORD);
                PreparedStatement query = db.prepareStatement("SELECT id, text FROM note WHERE text LIKE ?")) {
            query.setString(1, run + " %");
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString("id"), result.getString("text"));
                    rowCount++;
                }
            }
        }
        Map<String, String> answered = new HashMap<>();
        long[] perInstance = new long[2];
        for (Posted p : posted) {
            answered.put(p.id(), p.text());
            perInstance[p.instance()]++;
        }
        Set<String> missing = new HashSet<>(answered.keySet());
        missing.removeAll(rows.keySet());
        Set<String> unexpected = new HashSet<>(rows.keySet());
        unexpected.removeAll(answered.keySet());
        long distinctTexts = rows.values().stream().distinct().count();
        int requests = posted.size() + errors.size();
        System.out.printf(
                "ScaleOutIT: %d posters (%d per instance) for %.1f s: %d requests, %d answered 201 (%d via :%d, %d via"
                        + " :%d), %d errors; %d rows of this run in PostgreSQL, %d missing, %d unexpected, %d"
                        + " duplicate texts; %.0f notes/s%n",
                posters.size(),
                POSTERS_PER_INSTANCE,
                seconds,
                requests,
                posted.size(),
                perInstance[0],
                appPorts.get(0),
                perInstance[1],
                appPorts.get(1),
                errors.size(),
                rowCount,
                missing.size(),
                unexpected.size(),
                rowCount - distinctTexts,
                posted.size() / seconds);
        assertThat(errors).as("failed requests").isEmpty();
        assertThat(posted).as("notes created").isNotEmpty();
        assertThat(perInstance[0]).as("notes created through instance 1").isPositive();
        assertThat(perInstance[1]).as("notes created through instance 2").isPositive();
        assertThat(answered).as("ids answered, each once").hasSize(posted.size());
        assertThat(rowCount).as("rows against 201 responses").isEqualTo(posted.size());
        assertThat(missing).as("answered 201 but not stored").isEmpty();
        assertThat(unexpected).as("stored but never answered").isEmpty();
        assertThat(distinctTexts).as("no note stored twice").isEqualTo(rowCount);
        assertThat(rows).as("each row holds the text its response promised").isEqualTo(answered);

        // Each instance's jwsgi.requests meter counted exactly the notes it created (the meter is
        // recorded when the response ends, so give it a moment to catch up).
        for (int i = 0; i < 2; i++) {
            long expected = metersBefore[i] + perInstance[i];
            long counted = createdCount(appPorts.get(i));
            for (int wait = 0; counted != expected && wait < 50; wait++) {
                Thread.sleep(100);
                counted = createdCount(appPorts.get(i));
            }
            assertThat(counted)
                    .as("jwsgi.requests 201 count of instance " + (i + 1))
                    .isEqualTo(expected);
        }
    }
}
