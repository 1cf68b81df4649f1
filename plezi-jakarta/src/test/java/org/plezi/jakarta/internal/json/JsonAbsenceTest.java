package org.plezi.jakarta.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.model.ControllerChecks;

/**
 * Runs controller registration in a class loader without the JSON jars, as on a plain servlet
 * container whose WAR does not bundle them: the core must work for controllers that do not ask for
 * auto-dispatch, and fail the deployment with a message saying what to add for those that do.
 */
class JsonAbsenceTest {
  private static final Predicate<String> JSON_P =
      e -> e.contains("jakarta.json-api") || e.contains("parsson");
  private static final Predicate<String> JSON_B =
      e -> e.contains("jakarta.json.bind-api") || e.contains("yasson");

  /** Registers one controller in a fresh loader; returns null or the deployment error's text. */
  private static String register(Predicate<String> hidden, String controller) throws Exception {
    try (URLClassLoader loader = isolated(hidden)) {
      Class<?> models = loader.loadClass(ControllerChecks.class.getName());
      Method ofAll = models.getMethod("ofAll", Iterable.class);
      Class<?> type = loader.loadClass(IsolatedControllers.class.getName() + "$" + controller);
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader); // as a container does while it deploys
      try {
        ofAll.invoke(null, List.of(type));
        return null;
      } catch (InvocationTargetException e) {
        assertThat(e.getCause().getClass().getSimpleName()).isEqualTo("InvalidControllerException");
        return e.getCause().getMessage();
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }

  private static URLClassLoader isolated(Predicate<String> hidden) throws MalformedURLException {
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !hidden.test(entry)) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theIsolatedLoaderReallyLacksJsonP() throws Exception {
    try (URLClassLoader loader = isolated(JSON_P.or(JSON_B))) {
      assertThat(loader.getResource("jakarta/json/JsonObject.class")).isNull();
      assertThat(loader.getResource("org/plezi/jakarta/Controller.class")).isNotNull();
    }
  }

  @Test
  void withoutJsonAControllerThatDoesNotAutoDispatchRegisters() throws Exception {
    assertThat(register(JSON_P.or(JSON_B), "Plain")).isNull();
  }

  @Test
  void withoutJsonPAnAutoDispatchControllerFailsTheDeploymentSayingWhatToAdd() throws Exception {
    assertThat(register(JSON_P.or(JSON_B), "Auto"))
        .contains(IsolatedControllers.Auto.class.getName() + ": @AutoDispatch needs the JSON-P API")
        .contains("org.eclipse.parsson:parsson");
  }

  @Test
  void withoutJsonPAMethodTakingAJsonObjectFailsTheDeploymentInsteadOfCrashing() throws Exception {
    assertThat(register(JSON_P.or(JSON_B), "Whole"))
        .contains(
            IsolatedControllers.Whole.class.getName() + ": a class its methods use is " + "missing")
        .contains("jakarta/json/JsonObject");
  }

  @Test
  void withJsonPButNoJsonbJsonObjectEventsNeedNothingMore() throws Exception {
    assertThat(register(JSON_B, "Whole")).isNull();
    assertThat(register(JSON_B, "Auto")).isNull();
  }

  @Test
  void withJsonPButNoJsonbAPojoEventFailsTheDeploymentNamingTheMethod() throws Exception {
    assertThat(register(JSON_B, "Pojo"))
        .contains(
            IsolatedControllers.Pojo.class.getName()
                + "#greet(Greeting): binding a "
                + "message to Greeting needs JSON-B")
        .contains("org.eclipse:yasson");
  }

  @Test
  void withJsonApiButNoImplementationTheDeploymentSaysSo() throws Exception {
    assertThat(register(e -> e.contains("parsson") || JSON_B.test(e), "Auto"))
        .contains("@AutoDispatch needs a JSON-P implementation and found none");
  }
}
