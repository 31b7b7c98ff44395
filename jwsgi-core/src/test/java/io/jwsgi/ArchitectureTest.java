package io.jwsgi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.jwsgi.testfixtures.RequestGenerator;
import io.jwsgi.util.Util;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules for the production classes of jwsgi-core, the "must never import" column of
 * docs/architecture.md: no dependency outside the JDK's {@code java.*} (no Spring, no logging
 * library, no java.util.logging), no cycles between packages, a contract package that needs none
 * of them, util and headers below everything else, and the internal HTTP/1.1 wire used by
 * io.jwsgi.simpleserver only. Beyond imports: the server and the validator make public only
 * wsgiref's types and the server's knobs (the "Holds" column), and no class bears a grab-bag name
 * but wsgiref's own {@code Util} and {@code Handlers}.
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

    private static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("io.jwsgi.(**)").should().beFreeOfCycles();

    private static final ArchRule LOW_LAYERS_STAND_ALONE = classes()
            .that()
            .resideInAnyPackage("io.jwsgi.util..", "io.jwsgi.headers..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.jwsgi", "io.jwsgi.util..", "io.jwsgi.headers..")
            .because("util and headers are the layer every other package builds on");

    private static final ArchRule WIRE_IS_INTERNAL_TO_SIMPLESERVER = noClasses()
            .that()
            .resideOutsideOfPackages("io.jwsgi.simpleserver..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.jwsgi.simpleserver.http1..")
            .because("io.jwsgi.simpleserver.http1 is the standalone server's internal HTTP/1.1 wire");

    private static final ArchRule WIRE_KNOWS_NOTHING_ABOVE_IT = classes()
            .that()
            .resideInAPackage("io.jwsgi.simpleserver.http1..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.jwsgi", "io.jwsgi.simpleserver.http1..")
            .because("the parser is configured through its constructor, not by the server above it");

    private static final ArchRule NO_JUL = noClasses()
            .that()
            .resideInAPackage("io.jwsgi..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.util.logging..")
            .because("errors go to wsgi.errors and the handler's stderr, as in wsgiref");

    private static final ArchRule ONLY_DOCUMENTED_TYPES_ARE_PUBLIC = classes()
            .that()
            .resideInAnyPackage("io.jwsgi.simpleserver", "io.jwsgi.validate")
            .and()
            .arePublic()
            .should()
            .haveNameMatching("io\\.jwsgi\\.(simpleserver\\.(SimpleServer|Main|ServerLimits(\\$Builder)?"
                    + "|WsgiServer(\\$Factory)?|WsgiRequestHandler(\\$Factory)?)|validate\\.Validator)")
            .because("the rest of io.jwsgi.simpleserver and io.jwsgi.validate is package-private, as in"
                    + " docs/architecture.md");

    private static final ArchRule NO_GRAB_BAG_NAMES = noClasses()
            .that()
            .haveNameNotMatching("io\\.jwsgi\\.(util\\.Util|handlers\\.Handlers)")
            .should()
            .haveNameMatching(".*[.$](Utils?|Helpers?|Misc|Common|Commons|Tokens|Checks|Http|Handlers|Support)")
            .because("a class is named after what it holds; Util and Handlers are wsgiref's module names");

    /**
     * jwsgi-test-fixtures' package, on the test class path as a jar or classes directory of its own
     * module (not jwsgi-core's, and not for users): left out.
     */
    private static final ImportOption NOT_THE_TEST_FIXTURES = location -> !location.contains("/io/jwsgi/testfixtures/");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(NOT_THE_TEST_FIXTURES)
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
    void everyPackageIsFreeOfCycles() {
        NO_PACKAGE_CYCLES.check(production);
    }

    @Test
    void utilAndHeadersDependOnlyOnTheContract() {
        LOW_LAYERS_STAND_ALONE.check(production);
    }

    @Test
    void onlySimpleserverUsesTheHttp1Wire() {
        WIRE_IS_INTERNAL_TO_SIMPLESERVER.check(production);
    }

    @Test
    void theHttp1WireDependsOnlyOnTheContract() {
        WIRE_KNOWS_NOTHING_ABOVE_IT.check(production);
    }

    @Test
    void nothingLogsThroughJavaUtilLogging() {
        NO_JUL.check(production);
    }

    @Test
    void onlyWsgirefTypesAndTheServerKnobsArePublicInServerAndValidator() {
        ONLY_DOCUMENTED_TYPES_ARE_PUBLIC.check(production);
    }

    @Test
    void noClassBearsAGrabBagName() {
        NO_GRAB_BAG_NAMES.check(production);
    }

    @Test
    void theProductionImportSeesTheContractAndItsSubpackages() {
        assertThat(production.contain(Application.class)).isTrue();
        assertThat(production.contain(Util.class)).isTrue();
        assertThat(production.contain(ArchitectureTest.class)).isFalse();
        assertThat(production.contain(RequestGenerator.class)).isFalse();
    }

    /** A class in the contract package that breaks two rules, to show that the rules bite. */
    static final class Offender {
        RuntimeException misuse() {
            return new org.opentest4j.TestAbortedException(Util.guessScheme(Map.of()));
        }

        Object wire() {
            return new io.jwsgi.simpleserver.http1.ParserLimits(1, 1, 1, 1, 1);
        }

        Object log() {
            return java.util.logging.Logger.getLogger("jwsgi");
        }
    }

    /** A class named after no one thing. */
    static final class Helpers {}

    @Test
    void theRulesReportAnOffender() {
        JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);

        assertThat(ONLY_JDK_AND_SELF.evaluate(offender).hasViolation()).isTrue();
        assertThat(CONTRACT_STANDS_ALONE.evaluate(offender).hasViolation()).isTrue();
        assertThat(WIRE_IS_INTERNAL_TO_SIMPLESERVER.evaluate(offender).hasViolation())
                .isTrue();
        assertThat(NO_JUL.evaluate(offender).hasViolation()).isTrue();
        assertThat(NO_GRAB_BAG_NAMES.evaluate(offender).hasViolation()).isFalse();
        assertThat(NO_GRAB_BAG_NAMES
                        .evaluate(new ClassFileImporter().importClasses(Helpers.class))
                        .hasViolation())
                .isTrue();
    }
}
