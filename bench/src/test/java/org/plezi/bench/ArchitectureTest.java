package org.plezi.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The bench measures the library as an application uses it: through the public API, never its
 * implementation, and without classes of its own in the library's packages (a split package). The
 * micro-benchmarks that need the implementation live in the core's test sources.
 */
class ArchitectureTest {
  /** The bench's main classes, wherever they are (a directory in the reactor, else its jar). */
  private static final JavaClasses BENCH =
      new ClassFileImporter()
          .importUrl(BenchMain.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void theBenchUsesNoInternalType() {
    noClasses()
        .that()
        .resideInAPackage("org.plezi.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.plezi.jakarta.internal..")
        .check(BENCH);
  }

  @Test
  void theBenchPutsNoClassInTheLibrarysPackages() {
    noClasses()
        .should()
        .resideInAPackage("org.plezi.jakarta..")
        .because("a class of the bench in the library's packages splits them")
        .check(BENCH);
  }
}
