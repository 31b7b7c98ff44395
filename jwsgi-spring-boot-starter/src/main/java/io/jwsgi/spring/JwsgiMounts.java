package io.jwsgi.spring;

import io.jwsgi.Application;
import io.jwsgi.servlet.JwsgiMount;
import io.jwsgi.validate.Validator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The applications the starter mounts, resolved once from the {@code Application} beans and
 * {@link JwsgiProperties}: which path each one takes, and which ones the user mapped themselves.
 */
final class JwsgiMounts {

    /** The mounts' settings as the servlet's messages name them: the properties that set them. */
    static final JwsgiMount.SettingNames SETTING_NAMES =
            new JwsgiMount.SettingNames("jwsgi.max-request-body", "jwsgi.error-diagnostics");

    private final List<JwsgiMount> mounts;

    private JwsgiMounts(List<JwsgiMount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    /** The mounts, in bean definition order. */
    List<JwsgiMount> list() {
        return this.mounts;
    }

    /** The mount at the root, or {@code null}. */
    JwsgiMount root() {
        for (JwsgiMount mount : this.mounts) {
            if (mount.path().equals(MountPath.ROOT)) {
                return mount;
            }
        }
        return null;
    }

    /**
     * Resolves the mounts.
     *
     * @param beans the {@code Application} beans by name, in definition order
     * @param mappedByUser the application instances that already have a user-registered servlet
     * @param properties the configuration
     * @throws JwsgiMountException when a path is missing, taken twice, or configured for a bean
     *     that does not exist
     */
    static JwsgiMounts resolve(
            Map<String, Application> beans, Collection<Application> mappedByUser, JwsgiProperties properties) {
        for (String configured : properties.getApps().keySet()) {
            if (!beans.containsKey(configured)) {
                throw new JwsgiMountException(
                        "jwsgi.apps." + configured + " is configured but there is no io.jwsgi.Application bean"
                                + " named '" + configured + "'; application beans: " + beans.keySet(),
                        "Rename jwsgi.apps." + configured + " after one of " + beans.keySet() + ", or remove it.");
            }
        }
        Set<Application> skip = Collections.newSetFromMap(new IdentityHashMap<>());
        skip.addAll(mappedByUser);
        Map<String, Application> ours = new LinkedHashMap<>();
        beans.forEach((name, app) -> {
            if (!skip.contains(app)) {
                ours.put(name, app);
            }
        });
        List<JwsgiMount> mounts = new ArrayList<>();
        Map<String, String> byPath = new HashMap<>();
        for (Map.Entry<String, Application> bean : ours.entrySet()) {
            String name = bean.getKey();
            String path = pathOf(name, ours.size(), properties);
            String previous = byPath.putIfAbsent(path, name);
            if (previous != null) {
                throw new JwsgiMountException(
                        "JWSGI applications '" + previous + "' and '" + name + "' are both mounted at '" + path + "'",
                        "Give each application its own path: jwsgi.apps." + previous + ".path and jwsgi.apps." + name
                                + ".path.");
            }
            Application app = bean.getValue();
            boolean validate = properties.isValidate();
            mounts.add(new JwsgiMount(
                    name,
                    path,
                    app,
                    validate ? Validator.validator(app) : app,
                    validate,
                    properties.getMaxRequestBody().toBytes(),
                    properties.isErrorDiagnostics(),
                    SETTING_NAMES));
        }
        return new JwsgiMounts(mounts);
    }

    private static String pathOf(String name, int count, JwsgiProperties properties) {
        JwsgiProperties.App app = properties.getApps().get(name);
        if (app != null && app.getPath() != null) {
            return app.getPath();
        }
        if (count == 1) {
            return properties.getPath();
        }
        throw new JwsgiMountException(
                "There are " + count + " io.jwsgi.Application beans, so each needs a mount path, but none is"
                        + " configured for '" + name + "': set jwsgi.apps." + name + ".path",
                "Set jwsgi.apps." + name + ".path (for example /" + name + ") and a path for every other"
                        + " Application bean, or declare a single Application bean.");
    }
}
