package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jwsgi.Application;
import io.jwsgi.servlet.JwsgiMount;
import io.jwsgi.servlet.JwsgiServlet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class JwsgiAutoConfigurationTests {

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(JwsgiAutoConfiguration.class, DispatcherServletAutoConfiguration.class));

    @Test
    void servletIsNotRegisteredWithoutApplicationBean() {
        this.contextRunner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(JwsgiMounts.class)
                .doesNotHaveBean(JwsgiServletRegistrations.class));
    }

    @Test
    void singleApplicationIsMountedAtRootBehindDispatcherServlet() {
        this.contextRunner.withUserConfiguration(OneApp.class).run(context -> {
            JwsgiMount mount = context.getBean(JwsgiMounts.class).list().get(0);
            assertThat(mount.name()).isEqualTo("hello");
            assertThat(mount.path()).isEqualTo("/");
            assertThat(mount.servletName()).isEqualTo("jwsgi-hello");
            assertThat(context).hasSingleBean(JwsgiServletRegistrations.class);
            JwsgiRootHandlerMapping mapping = context.getBean(JwsgiRootHandlerMapping.class);
            assertThat(mapping.getOrder()).isEqualTo(JwsgiRootHandlerMapping.ORDER);
            assertThat(mapping.servletName()).isEqualTo("jwsgi-hello");
        });
    }

    @Test
    void singleApplicationTakesConfiguredPath() {
        this.contextRunner
                .withUserConfiguration(OneApp.class)
                .withPropertyValues("jwsgi.path=/wsgi/")
                .run(context -> assertThat(
                                context.getBean(JwsgiMounts.class).list().get(0).path())
                        .isEqualTo("/wsgi"));
    }

    @Test
    void perApplicationPathWinsOverSinglePath() {
        this.contextRunner
                .withUserConfiguration(OneApp.class)
                .withPropertyValues("jwsgi.path=/wsgi", "jwsgi.apps.hello.path=/hi")
                .run(context -> assertThat(
                                context.getBean(JwsgiMounts.class).list().get(0).path())
                        .isEqualTo("/hi"));
    }

    @Test
    void severalApplicationsAreMountedAtTheirConfiguredPaths() {
        this.contextRunner
                .withUserConfiguration(TwoApps.class)
                .withPropertyValues("jwsgi.apps.shop.path=/shop", "jwsgi.apps.admin.path=/admin")
                .run(context -> assertThat(context.getBean(JwsgiMounts.class).list())
                        .extracting(JwsgiMount::name, JwsgiMount::path)
                        .containsExactly(tuple("shop", "/shop"), tuple("admin", "/admin")));
    }

    @Test
    void severalApplicationsWithoutPathFailWithTheMissingProperty() {
        this.contextRunner
                .withUserConfiguration(TwoApps.class)
                .withPropertyValues("jwsgi.apps.shop.path=/shop")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("jwsgi.apps.admin.path");
                });
    }

    @Test
    void twoApplicationsAtOnePathFail() {
        this.contextRunner
                .withUserConfiguration(TwoApps.class)
                .withPropertyValues("jwsgi.apps.shop.path=/x", "jwsgi.apps.admin.path=/x/")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("both mounted at '/x'");
                });
    }

    @Test
    void pathConfiguredForMissingBeanFails() {
        this.contextRunner
                .withUserConfiguration(OneApp.class)
                .withPropertyValues("jwsgi.apps.helo.path=/x")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("no io.jwsgi.Application bean named 'helo'");
                });
    }

    @Test
    void malformedPathFailsBinding() {
        this.contextRunner
                .withUserConfiguration(OneApp.class)
                .withPropertyValues("jwsgi.path=shop")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("must start with '/'");
                });
    }

    @Test
    void backsOffWhenDisabled() {
        this.contextRunner
                .withUserConfiguration(OneApp.class)
                .withPropertyValues("jwsgi.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(JwsgiMounts.class)
                        .doesNotHaveBean(JwsgiServletRegistrations.class));
    }

    @Test
    void backsOffOutsideWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JwsgiAutoConfiguration.class))
                .withUserConfiguration(OneApp.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JwsgiMounts.class));
    }

    @Test
    void backsOffInReactiveWebApplications() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JwsgiAutoConfiguration.class))
                .withUserConfiguration(OneApp.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JwsgiMounts.class));
    }

    @Test
    void applicationMappedByUserIsLeftAlone() {
        this.contextRunner.withUserConfiguration(OneAppMappedByUser.class).run(context -> {
            assertThat(context.getBean(JwsgiMounts.class).list()).isEmpty();
            assertThat(context.getBean(JwsgiMounts.class).root()).isNull();
        });
    }

    @Test
    void validateWrapsApplicationInValidator() {
        this.contextRunner
                .withUserConfiguration(OneApp.class)
                .withPropertyValues("jwsgi.validate=true")
                .run(context -> {
                    JwsgiMount mount = context.getBean(JwsgiMounts.class).list().get(0);
                    assertThat(mount.validated()).isTrue();
                    assertThat(mount.validatedOrAsIs()).isNotSameAs(mount.application());
                    assertThat(mount.application()).isSameAs(context.getBean("hello"));
                });
    }

    @Test
    void requestLimitsAndDiagnosticsAreBound() {
        this.contextRunner
                .withUserConfiguration(OneApp.class)
                .withPropertyValues("jwsgi.max-request-body=1KB", "jwsgi.error-diagnostics=true")
                .run(context -> {
                    JwsgiMount mount = context.getBean(JwsgiMounts.class).list().get(0);
                    assertThat(mount.maxRequestBody()).isEqualTo(1024);
                    assertThat(mount.errorDiagnostics()).isTrue();
                    assertThat(mount.validated()).isFalse();
                    assertThat(mount.validatedOrAsIs()).isSameAs(mount.application());
                });
    }

    @Test
    void defaultsAreTenMegabytesAndNoDiagnostics() {
        this.contextRunner.withUserConfiguration(OneApp.class).run(context -> {
            JwsgiMount mount = context.getBean(JwsgiMounts.class).list().get(0);
            assertThat(mount.maxRequestBody()).isEqualTo(10L * 1024 * 1024);
            assertThat(mount.errorDiagnostics()).isFalse();
        });
    }

    @Test
    void rootIsMappedAsServletWhenDispatcherServletHasOtherPath() {
        this.contextRunner
                .withUserConfiguration(OneApp.class)
                .withPropertyValues("spring.mvc.servlet.path=/mvc")
                .run(context -> assertThat(
                                context.getBean(JwsgiRootHandlerMapping.class).servletName())
                        .isNull());
    }

    @Configuration(proxyBeanMethods = false)
    static class OneApp {
        @Bean
        Application hello() {
            return TestApps.text("hello");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoApps {
        @Bean
        Application shop() {
            return TestApps.text("shop");
        }

        @Bean
        Application admin() {
            return TestApps.text("admin");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OneAppMappedByUser {
        @Bean
        Application hello() {
            return TestApps.text("hello");
        }

        @Bean
        ServletRegistrationBean<JwsgiServlet> helloRegistration(Application hello) {
            return new ServletRegistrationBean<>(new JwsgiServlet("hello", hello), "/mine/*");
        }
    }
}
