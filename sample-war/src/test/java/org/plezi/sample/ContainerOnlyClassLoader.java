package org.plezi.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

/**
 * What a standalone Tomcat's common class loader holds: the launcher's class path (Tomcat, the test
 * libraries) minus the application. Every {@code org.plezi} class is hidden, and so is every
 * resource of a class-path root that holds one (the core jar, the sample's own classes), so the
 * deployed WAR must bring the library and its initializer's service file in {@code WEB-INF/lib} and
 * its controllers in {@code WEB-INF/classes}, exactly as on a real server.
 */
final class ContainerOnlyClassLoader extends ClassLoader {
  private static final String HIDDEN_PACKAGE = "org.plezi.";
  private static final String HIDDEN_PATH = "org/plezi/";

  /** Class-path root URL (as text) to whether it holds application classes. */
  private final Map<String, Boolean> applicationRoots = new ConcurrentHashMap<>();

  ContainerOnlyClassLoader(ClassLoader classPath) {
    super("plezi-sample-container", classPath);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(HIDDEN_PACKAGE)) {
      throw new ClassNotFoundException(name + " is not part of the container");
    }
    return super.loadClass(name, resolve);
  }

  @Override
  public URL getResource(String name) {
    try {
      Enumeration<URL> all = getResources(name);
      return all.hasMoreElements() ? all.nextElement() : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    String path = name.startsWith("/") ? name.substring(1) : name;
    if (path.startsWith(HIDDEN_PATH)) {
      return Collections.emptyEnumeration();
    }
    List<URL> visible =
        Collections.list(super.getResources(name)).stream()
            .filter(url -> !holdsApplication(rootOf(url, path)))
            .toList();
    return Collections.enumeration(visible);
  }

  private static String rootOf(URL url, String path) {
    String text = url.toString();
    return text.endsWith(path) ? text.substring(0, text.length() - path.length()) : text;
  }

  private boolean holdsApplication(String root) {
    return applicationRoots.computeIfAbsent(root, ContainerOnlyClassLoader::scan);
  }

  private static boolean scan(String root) {
    try {
      if (root.startsWith("jar:") && root.endsWith("!/")) {
        Path jar = Path.of(new URI(root.substring("jar:".length(), root.length() - 2)));
        try (JarFile file = new JarFile(jar.toFile())) {
          return file.stream().anyMatch(entry -> entry.getName().startsWith(HIDDEN_PATH));
        }
      }
      if (root.startsWith("file:")) {
        return Files.isDirectory(Path.of(new URI(root)).resolve(HIDDEN_PATH));
      }
      return false; // not a class-path root we know how to read: the JDK's own, for instance
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class-path root " + root, e);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }
}
