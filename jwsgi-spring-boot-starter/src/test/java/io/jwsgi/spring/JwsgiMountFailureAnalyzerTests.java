package io.jwsgi.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.jwsgi.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class JwsgiMountFailureAnalyzerTests {

    @Test
    void missingPathIsReportedWithDescriptionAndAction(CapturedOutput output) {
        assertThatException()
                .isThrownBy(() -> TestServer.start(TwoAppsWithoutPaths.class, "jwsgi.apps.shop.path=/shop"))
                .havingRootCause()
                .isInstanceOf(JwsgiMountException.class);
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("so each needs a mount path, but none is configured for 'admin'")
                .contains("Set jwsgi.apps.admin.path (for example /admin)");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TwoAppsWithoutPaths {
        @Bean
        Application shop() {
            return TestApps.text("shop");
        }

        @Bean
        Application admin() {
            return TestApps.text("admin");
        }
    }
}
