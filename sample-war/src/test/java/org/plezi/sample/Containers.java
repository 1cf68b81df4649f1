package org.plezi.sample;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.plezi.jakarta.testing.Directories;

/** Where the {@code containers} profile put the servers and the WARs, and file chores. */
final class Containers {
  private Containers() {}

  /**
   * The path a system property names, which must exist; without {@code -Pcontainers} the property
   * is unset and the calling tests are skipped.
   */
  static Path required(String property) {
    String value = System.getProperty(property);
    assumeTrue(value != null, property + " is unset: container tests run with -Pcontainers");
    Path path = Path.of(value);
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          property
              + "="
              + value
              + " does not exist; the "
              + "containers profile unpacks it at pre-integration-test");
    }
    return path;
  }

  /**
   * The system property that names the failsafe execution a test runs in (sample-war's containers
   * profile): {@code none} for the one without an Arquillian adapter, else the adapter's container
   * ({@code tomcat10}, {@code tomcat11}, {@code wildfly}, {@code payara}). Each container test is
   * enabled in its execution only, so that {@code -Dit.test=...}, which overrides every execution's
   * includes, never runs one without its adapter or twice.
   */
  static final String ARQUILLIAN = "plezi.arquillian";

  /**
   * The built WAR of the given system property ({@code plezi.war.plain} or {@code
   * plezi.war.tomcat}).
   */
  static Path warFile(String property) {
    return required(property);
  }

  /**
   * The built WAR of the given system property as ShrinkWrap reads it, unchanged and under its own
   * name (so that it answers at {@code /<war name>/}), for an Arquillian {@code @Deployment}.
   */
  static WebArchive war(String property) {
    Path war = warFile(property);
    return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile());
  }

  /** A fresh directory under target/container-runs for one server run. */
  static Path runDirectory(String name) throws IOException {
    Path root =
        Path.of(System.getProperty("plezi.containers", "target/containers"))
            .resolveSibling("container-runs");
    Path dir = root.resolve(name);
    Directories.deleteRecursively(dir);
    return Files.createDirectories(dir);
  }

  /** chmod +x on a distribution's shell scripts (an unpacked zip may have lost the bits). */
  static void makeScriptsExecutable(Path bin) throws IOException {
    try (Stream<Path> files = Files.list(bin)) {
      for (Path script : files.filter(f -> f.toString().endsWith(".sh")).toList()) {
        Set<PosixFilePermission> permissions =
            EnumSet.copyOf(Files.getPosixFilePermissions(script));
        permissions.addAll(
            Set.of(
                PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
        Files.setPosixFilePermissions(script, permissions);
      }
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Milliseconds since {@code startNanos}. */
  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
