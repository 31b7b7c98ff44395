package io.jwsgi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Architecture rules for the production classes of jwsgi-core. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jwsgi");
    }

    @Test
    void coreDependsOnlyOnTheJdkBaseAndItself() {
        classes()
                .that()
                .resideInAPackage("io.jwsgi..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.jwsgi..")
                .because("jwsgi-core has zero runtime dependencies")
                .check(production);
    }

    @Test
    void subpackagesAreFreeOfCycles() {
        slices().matching("io.jwsgi.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void theContractPackageDependsOnNoSubpackage() {
        noClasses()
                .that()
                .resideInAPackage("io.jwsgi")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.jwsgi.*..")
                .because("the contract must stay usable without any implementation package")
                .check(production);
    }
}
