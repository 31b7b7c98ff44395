package io.jwsgi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.jwsgi.util.Util;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules for the production classes of jwsgi-core: no dependency outside the JDK's
 * {@code java.*}, no cycles between the {@code io.jwsgi} subpackages, and a contract package that
 * needs none of them.
 */
class ArchitectureTest {

    private static final ArchRule ONLY_JDK_AND_SELF = classes()
            .that()
            .resideInAPackage("io.jwsgi..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.jwsgi..")
            .because("jwsgi-core has zero runtime dependencies");

    private static final ArchRule NO_CYCLES =
            slices().matching("io.jwsgi.(*)..").should().beFreeOfCycles();

    private static final ArchRule CONTRACT_STANDS_ALONE = noClasses()
            .that()
            .resideInAPackage("io.jwsgi")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.jwsgi.*..")
            .because("the contract must stay usable without any implementation package");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jwsgi");
    }

    @Test
    void coreDependsOnlyOnTheJdkBaseAndItself() {
        ONLY_JDK_AND_SELF.check(production);
    }

    @Test
    void subpackagesAreFreeOfCycles() {
        NO_CYCLES.check(production);
    }

    @Test
    void theContractPackageDependsOnNoSubpackage() {
        CONTRACT_STANDS_ALONE.check(production);
    }

    @Test
    void theProductionImportSeesTheContractAndItsSubpackages() {
        assertThat(production.contain(Application.class)).isTrue();
        assertThat(production.contain(Util.class)).isTrue();
        assertThat(production.contain(ArchitectureTest.class)).isFalse();
    }

    /** A class in the contract package that breaks two rules, to show that the rules bite. */
    static final class Offender {
        RuntimeException misuse() {
            return new org.opentest4j.TestAbortedException(Util.guessScheme(Map.of()));
        }
    }

    @Test
    void theRulesReportAnOffender() {
        JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);

        assertThat(ONLY_JDK_AND_SELF.evaluate(offender).hasViolation()).isTrue();
        assertThat(CONTRACT_STANDS_ALONE.evaluate(offender).hasViolation()).isTrue();
    }
}
