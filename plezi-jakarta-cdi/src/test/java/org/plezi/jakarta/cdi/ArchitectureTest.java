package org.plezi.jakarta.cdi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The CDI module is an integration like any other: it uses the core's public API and its SPI, never
 * the core's implementation, which may change in any release. Main classes only.
 */
class ArchitectureTest {
  @Test
  void theCdiModuleUsesOnlyThePublicApiAndTheSpi() {
    JavaClasses cdi =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.plezi.jakarta.cdi");
    noClasses()
        .that()
        .resideInAPackage("org.plezi.jakarta.cdi..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.plezi.jakarta.internal..")
        .check(cdi);
  }
}
