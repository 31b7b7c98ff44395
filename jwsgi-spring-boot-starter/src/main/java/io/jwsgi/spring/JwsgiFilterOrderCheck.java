package io.jwsgi.spring;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.web.filter.CharacterEncodingFilter;

/**
 * Warns at startup about the filters that run before the body guard: ordered {@code
 * HIGHEST_PRECEDENCE} like the guard, and registered first (ties keep the order of the bean
 * definitions, and an application's own come before auto-configuration's). Such a filter sees a
 * JWSGI request before the guard does: if it reads the request's parameters, parts or body, the
 * container consumes the body, and the application's read of {@code wsgi.input} fails (400)
 * instead of getting it. Whether a filter reads the body cannot be known from here, so this warns,
 * naming each filter and the fix, rather than refusing to start; Spring's {@link
 * CharacterEncodingFilter}, which reads nothing, is left out.
 */
final class JwsgiFilterOrderCheck implements SmartInitializingSingleton {

    private static final Log log = LogFactory.getLog(JwsgiFilterOrderCheck.class);

    private final ListableBeanFactory beanFactory;

    JwsgiFilterOrderCheck(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> before = filtersBeforeTheGuard(this.beanFactory);
        if (!before.isEmpty()) {
            log.warn(message(before));
        }
    }

    /** The names of the filters that the container will run before the guard on a request, in order. */
    static List<String> filtersBeforeTheGuard(ListableBeanFactory beanFactory) {
        List<String> before = new ArrayList<>();
        // the same sorted list Spring Boot registers with the container
        for (ServletContextInitializer initializer : new ServletContextInitializerBeans(beanFactory)) {
            if (!(initializer instanceof AbstractFilterRegistrationBean<?> filter)) {
                continue;
            }
            if (JwsgiAutoConfiguration.BODY_GUARD_FILTER.equals(filter.getFilterName())) {
                return before;
            }
            if (filter.isEnabled()
                    && !filter.isMatchAfter()
                    && filter.determineDispatcherTypes().contains(DispatcherType.REQUEST)
                    && !(filter.getFilter() instanceof CharacterEncodingFilter)) {
                before.add(filter.getFilterName());
            }
        }
        return List.of(); // no guard registered: nothing runs before it
    }

    static String message(List<String> filters) {
        return "Filter" + (filters.size() == 1 ? " " : "s ") + String.join(", ", filters) + " run"
                + (filters.size() == 1 ? "s" : "") + " before " + JwsgiAutoConfiguration.BODY_GUARD_FILTER
                + " (both ordered HIGHEST_PRECEDENCE): a filter that reads the parameters, parts or body of a request"
                + " bound for a JWSGI application consumes that body before the application, whose read of wsgi.input"
                + " then fails (400). Give such a filter a later order, e.g."
                + " FilterRegistrationBean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1).";
    }
}
