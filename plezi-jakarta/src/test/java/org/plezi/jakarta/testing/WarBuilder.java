package org.plezi.jakarta.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Assembles a web archive from what the build already made: library jars (or the class directories
 * of the modules, zipped into jars), classes of the test class path, and files.
 */
public final class WarBuilder {
  /** Archive path to content, in the order added. */
  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  /**
   * Adds {@code WEB-INF/lib/name} made from where {@code anchor} was loaded (a jar or a folder).
   */
  public WarBuilder library(String name, Class<?> anchor) throws IOException {
    Path source = codeSource(anchor);
    byte[] jar = Files.isDirectory(source) ? zip(source) : Files.readAllBytes(source);
    entries.put("WEB-INF/lib/" + name, jar);
    return this;
  }

  /** Adds every class of {@code anchor}'s package (with nested classes) under WEB-INF/classes. */
  public WarBuilder packageOf(Class<?> anchor) throws IOException {
    Path root = codeSource(anchor);
    String folder = anchor.getPackageName().replace('.', '/');
    try (Stream<Path> files = Files.list(root.resolve(folder))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        entries.put(
            "WEB-INF/classes/" + folder + "/" + file.getFileName(), Files.readAllBytes(file));
      }
    }
    return this;
  }

  /** Adds a text file. */
  public WarBuilder file(String path, String content) {
    entries.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** The archive's entry names. */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /** Writes the archive. */
  public Path write(Path war) throws IOException {
    try (OutputStream out = Files.newOutputStream(war)) {
      writeZip(entries, out);
    }
    return war;
  }

  private static Path codeSource(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A jar of a class folder, as the jar plugin would make it (without a manifest). */
  private static byte[] zip(Path folder) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeZip(files, bytes);
    return bytes.toByteArray();
  }

  private static void writeZip(Map<String, byte[]> files, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
  }
}
