package org.plezi.jakarta;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.base.Threads;

/**
 * The layout a newcomer reads in the folder tree, enforced: no package cycle, each internal layer
 * depends only on the layers below it, and the public API reaches the implementation through the
 * hooks package alone. Main classes only; tests may reach anywhere.
 */
class ArchitectureTest {
  private static final String INTERNAL = "org.plezi.jakarta.internal";

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.plezi.jakarta");
  }

  @Test
  void theInternalPackagesHaveNoCycle() {
    slices().matching(INTERNAL + ".(*)..").should().beFreeOfCycles().check(core);
  }

  /**
   * Every package of the core, the public API and the SPI included, is one slice. The one tie
   * allowed: the public API ({@code Controller}, {@code Plezi}) uses the hooks package, whose types
   * name {@code Controller} and {@code Messenger} in return.
   */
  @Test
  void theCorePackagesHaveNoCycleButThePublicApisDoorsIntoTheHooks() {
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
              }

              @Override
              public String getDescription() {
                return "one slice per package of the core";
              }
            })
        .should()
        .beFreeOfCycles()
        .ignoreDependency(
            resideInAPackage("org.plezi.jakarta"), resideInAPackage(INTERNAL + ".hooks"))
        .check(core);
  }

  @Test
  void thePublicApiReachesTheImplementationOnlyThroughTheHooks() {
    noClasses()
        .that()
        .resideInAPackage("org.plezi.jakarta")
        .should()
        .dependOnClassesThat(
            resideInAPackage(INTERNAL + "..").and(not(resideInAPackage(INTERNAL + ".hooks"))))
        .check(core);
  }

  @Test
  void theHooksDependOnNoOtherPartOfTheImplementation() {
    classes()
        .that()
        .resideInAPackage(INTERNAL + ".hooks")
        .should()
        .onlyDependOnClassesThat(
            not(resideInAPackage(INTERNAL + "..")).or(resideInAPackage(INTERNAL + ".hooks")))
        .check(core);
  }

  @Test
  void theSpiUsesOnlyTheModelOfTheImplementation() {
    noClasses()
        .that()
        .resideInAPackage("org.plezi.jakarta.spi")
        .should()
        .dependOnClassesThat(
            resideInAPackage(INTERNAL + "..").and(not(resideInAnyPackage(INTERNAL + ".model"))))
        .check(core);
  }

  /** The map of the layers, bottom up: each may use only the ones listed for it. */
  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage(INTERNAL + "..")
        .layer("base")
        .definedBy(INTERNAL + ".base")
        .layer("metrics")
        .definedBy(INTERNAL + ".metrics")
        .layer("jmx")
        .definedBy(INTERNAL + ".jmx")
        .layer("hooks")
        .definedBy(INTERNAL + ".hooks")
        .layer("wire")
        .definedBy(INTERNAL + ".wire")
        .layer("event")
        .definedBy(INTERNAL + ".event")
        .layer("json")
        .definedBy(INTERNAL + ".json")
        .layer("model")
        .definedBy(INTERNAL + ".model")
        .layer("security")
        .definedBy(INTERNAL + ".security")
        .layer("bus")
        .definedBy(INTERNAL + ".bus")
        .layer("connection")
        .definedBy(INTERNAL + ".connection")
        .layer("delivery")
        .definedBy(INTERNAL + ".delivery")
        .layer("redis")
        .definedBy(INTERNAL + ".redis")
        .layer("runtime")
        .definedBy(INTERNAL + ".runtime")
        .whereLayer("base")
        .mayNotAccessAnyLayer()
        // Every layer counts into metrics (issue 19), so it sits just above base and reaches
        // nothing: a write is a field read and an add, and no count can call back up.
        .whereLayer("metrics")
        .mayNotAccessAnyLayer()
        // JMX only reads the public snapshot the runtime hands it; the runtime registers it.
        .whereLayer("jmx")
        .mayNotAccessAnyLayer()
        .whereLayer("hooks")
        .mayNotAccessAnyLayer()
        .whereLayer("wire")
        .mayOnlyAccessLayers("base")
        .whereLayer("event")
        .mayOnlyAccessLayers("base", "metrics", "hooks", "wire")
        .whereLayer("json")
        .mayOnlyAccessLayers("base", "metrics", "hooks", "event")
        .whereLayer("model")
        .mayOnlyAccessLayers("base", "event", "json", "wire", "security")
        .whereLayer("security")
        .mayOnlyAccessLayers("base")
        .whereLayer("bus")
        .mayOnlyAccessLayers("base", "metrics")
        .whereLayer("connection")
        .mayOnlyAccessLayers("base", "metrics", "hooks", "event", "model", "security", "bus")
        .whereLayer("delivery")
        .mayOnlyAccessLayers(
            "base", "metrics", "hooks", "event", "model", "bus", "wire", "connection")
        .whereLayer("redis")
        .mayOnlyAccessLayers("base", "metrics", "bus", "wire")
        .whereLayer("runtime")
        .mayNotBeAccessedByAnyLayer()
        .check(core);
  }

  @Test
  void onlyThreadsMakesTheLibrarysThreads() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(Threads.class.getName())
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(Executors.class, ThreadPoolExecutor.class, ScheduledThreadPoolExecutor.class)
        .orShould()
        .callConstructorWhere(target(owner(assignableTo(Thread.class))))
        .check(core);
  }
}
