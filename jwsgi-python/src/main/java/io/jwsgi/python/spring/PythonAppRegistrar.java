package io.jwsgi.python.spring;

import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link PythonApplicationBean} per {@code jwsgi.apps.<name>} entry that has a {@code
 * python} block, named {@code <name>}: the starter then finds it among the {@code Application}
 * beans and mounts it at {@code jwsgi.apps.<name>.path}. It runs before the starter's
 * auto-configuration decides whether there is any {@code Application} bean.
 */
final class PythonAppRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    static final String PREFIX = "jwsgi.apps";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, PythonAppProperties.Entry> apps = Binder.get(this.environment)
                .bind(PREFIX, Bindable.mapOf(String.class, PythonAppProperties.Entry.class))
                .orElse(Map.of());
        apps.forEach((name, entry) -> {
            PythonAppProperties python = entry.getPython();
            if (python == null) {
                return;
            }
            String property = PREFIX + "." + name + ".python";
            if (python.getApp() == null || python.getApp().isBlank()) {
                throw new IllegalStateException(property + ".app is not set: name the WSGI callable as"
                        + " module:callable (for example " + property + ".app=hello:app)");
            }
            if (registry.containsBeanDefinition(name)) {
                throw new IllegalStateException(property + " configures a Python application named '" + name
                        + "', but a bean named '" + name + "' already exists: rename one of them");
            }
            RootBeanDefinition definition = new RootBeanDefinition(
                    PythonApplicationBean.class, () -> PythonApplicationBean.start(name, python));
            definition.setDestroyMethodName("close");
            definition.setDescription("Python WSGI application " + python.getApp() + " from " + property);
            registry.registerBeanDefinition(name, definition);
        });
    }
}
