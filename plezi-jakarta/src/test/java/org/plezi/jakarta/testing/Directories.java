package org.plezi.jakarta.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores of the harness: a server's or a browser's scratch directory, removed after use. */
public final class Directories {
  private Directories() {}

  /** A new directory under the system's temporary directory. */
  public static Path createTemp(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes {@code root} and everything below it, deepest first; nothing if it does not exist. A
   * file another process still holds open (a browser's profile lock) is left for the next clean.
   */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (NoSuchFileException | UncheckedIOException e) {
      // a file vanished while walking (a process deleting its own files as it ends): fine
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
