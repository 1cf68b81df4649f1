package org.plezi.jakarta.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;

/** Every rule of the controller model fails the deployment naming Class#method. */
class ControllerModelTest {
  @Route("/ok")
  public static class Valid extends Controller {
    @Override
    protected void onMessage(byte[] data) {}
  }

  @Route("/no-default-constructor")
  public static class NeedsArgument extends Controller {
    public NeedsArgument(String required) {}
  }

  @Route("/private-constructor")
  public static class PrivateConstructor extends Controller {
    private PrivateConstructor() {}
  }

  @Route("/abstract")
  public abstract static class Abstract extends Controller {}

  @Route("/inner")
  public class Inner extends Controller {}

  @Route("/wrong-message")
  public static class WrongMessageSignature extends Controller {
    protected void onMessage(Object anything) {}
  }

  @Route("/wrong-open")
  public static class WrongOpenSignature extends Controller {
    public void onOpen(String greeting) {}
  }

  @Route("/static-close")
  public static class StaticClose extends Controller {
    static void onClose() {}
  }

  /** A broken parent is reported through the subclass that is routed. */
  public static class BrokenParent extends Controller {
    protected void onShutdown(boolean now) {}
  }

  @Route("/child")
  public static class Child extends BrokenParent {}

  @org.plezi.jakarta.ClusterName("all")
  @Route("/bad-cluster-name")
  public static class BadClusterName extends Controller {}

  @Route("/not-a-controller")
  public static class NotAController {}

  public static class NoRoute extends Controller {}

  @Test
  void aValidControllerIsModelled() {
    ControllerModel model = ControllerChecks.ofAll(List.of(Valid.class)).get(0);
    assertThat(model.handlesBinary()).isTrue();
    assertThat(model.handlesText()).isFalse();
    assertThat(model.acceptsWebsocket()).isTrue();
    assertThat(model.route().path()).isEqualTo("/ok");
  }

  @Test
  void constructorRules() {
    assertProblem(
        NeedsArgument.class,
        NeedsArgument.class.getName() + "#<init>(): a controller needs a no-argument constructor");
    assertProblem(
        PrivateConstructor.class,
        PrivateConstructor.class.getName()
            + "#<init>(): the no-argument constructor must not be private");
    assertProblem(Abstract.class, "must be a concrete class");
    assertProblem(Inner.class, "a nested controller class must be static");
  }

  @Test
  void callbackNamesAreReservedForExactOverrides() {
    assertProblem(
        WrongMessageSignature.class,
        WrongMessageSignature.class.getName()
            + "#onMessage(Object): the callback name is reserved; declare it as an override of "
            + Controller.class.getName()
            + "#onMessage(");
    assertProblem(WrongOpenSignature.class, WrongOpenSignature.class.getName() + "#onOpen(String)");
    assertProblem(StaticClose.class, StaticClose.class.getName() + "#onClose()");
    assertProblem(Child.class, BrokenParent.class.getName() + "#onShutdown(boolean)");
  }

  @Test
  void theClusterNameAllIsReservedForMulticasts() {
    assertProblem(BadClusterName.class, "@ClusterName must be 1 to 1024 characters and not 'all'");
  }

  @Test
  void routedClassesMustBeControllersWithARoute() {
    assertProblem(NotAController.class, "a @Route class must extend " + Controller.class.getName());
    assertProblem(NoRoute.class, "a controller needs a @Route annotation");
  }

  @Test
  void everyProblemOfEveryClassIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                ControllerChecks.ofAll(
                    List.of(Valid.class, NeedsArgument.class, WrongOpenSignature.class)))
        .isInstanceOfSatisfying(
            InvalidControllerException.class, e -> assertThat(e.problems()).hasSize(2));
  }

  private static void assertProblem(Class<?> type, String expected) {
    assertThatThrownBy(() -> ControllerChecks.ofAll(List.of(type)))
        .isInstanceOf(InvalidControllerException.class)
        .hasMessageContaining(expected);
  }
}
