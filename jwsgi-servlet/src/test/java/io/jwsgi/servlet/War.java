package io.jwsgi.servlet;

import io.jwsgi.Application;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a WAR file as a user's build would: {@code WEB-INF/web.xml}, the application's classes
 * in {@code WEB-INF/classes}, and jwsgi-core and jwsgi-servlet as jars in {@code WEB-INF/lib}
 * (the Servlet API is the container's).
 */
final class War {

    private War() {}

    /**
     * @param war the file to write
     * @param webXml the deployment descriptor
     * @param app a class of the application: its whole package goes into {@code WEB-INF/classes}
     */
    static Path build(Path war, String webXml, Class<?> app) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            put(zip, "WEB-INF/web.xml", out -> out.write(webXml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Path classes = location(app);
            Path pkg = classes.resolve(app.getPackageName().replace('.', '/'));
            for (Path file : list(pkg)) {
                put(zip, "WEB-INF/classes/" + slashes(classes.relativize(file)), out -> Files.copy(file, out));
            }
            putLibrary(zip, "jwsgi-core.jar", location(Application.class));
            putLibrary(zip, "jwsgi-servlet.jar", location(JwsgiServlet.class));
        }
        return war;
    }

    /** A jar as it is, or a directory of classes (the reactor's target/classes) as a jar. */
    private static void putLibrary(ZipOutputStream zip, String name, Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            put(zip, "WEB-INF/lib/" + name, out -> Files.copy(location, out));
            return;
        }
        put(zip, "WEB-INF/lib/" + name, out -> {
            ZipOutputStream jar = new ZipOutputStream(out);
            for (Path file : list(location)) {
                jar.putNextEntry(new ZipEntry(slashes(location.relativize(file))));
                Files.copy(file, jar);
                jar.closeEntry();
            }
            jar.finish();
        });
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void put(ZipOutputStream zip, String name, Content content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        content.writeTo(zip);
        zip.closeEntry();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
