package org.plezi.jakarta.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.cdi.PleziExtension;

/** Each rule a controller breaks fails the CDI deployment with a message naming it. */
class DefinitionErrorTest {
  @Route("/wrong-callback")
  public static class WrongCallback extends Controller {
    protected void onMessage(int count) {}
  }

  @Route("/shared")
  @ApplicationScoped
  public static class ApplicationScopedController extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Route("/request")
  @RequestScoped
  public static class RequestScopedController extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Route("/not-a-controller")
  @Dependent
  public static class NotAController {}

  @Route("/room/{name}")
  public static class FirstRoom extends Controller {}

  @Route("/room/{id}")
  public static class SecondRoom extends Controller {}

  @Route("/traced")
  @Fixtures.Traced
  public static class ClassLevelInterceptor extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Route("no-slash")
  public static class BadPath extends Controller {}

  /** Not a bean (never added to the container), and what it injects does not exist. */
  @Route("/missing")
  public static class MissingDependency extends Controller {
    @Inject Runnable nobodyProducesThis;
  }

  private static Throwable boot(Class<?>... classes) {
    return catchThrowable(
        () ->
            new Weld("plezi-" + System.nanoTime())
                .disableDiscovery()
                .addExtension(new PleziExtension())
                .addBeanClasses(classes)
                .initialize()
                .shutdown());
  }

  @Test
  void callbackWithAWrongSignatureNamesClassMethodAndRule() {
    Throwable failure = boot(WrongCallback.class);

    assertThat(failure)
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(WrongCallback.class.getName() + "#onMessage(int)")
        .hasMessageContaining("the callback name is reserved");
  }

  @Test
  void applicationScopedControllerIsADefinitionError() {
    Throwable failure = boot(ApplicationScopedController.class);

    assertThat(failure)
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(
            ApplicationScopedController.class.getName()
                + ": a controller must be @Dependent (one instance per connection), not "
                + "@ApplicationScoped");
  }

  @Test
  void requestScopedControllerIsADefinitionError() {
    assertThat(boot(RequestScopedController.class))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("not @RequestScoped");
  }

  @Test
  void classLevelInterceptorBindingIsADefinitionErrorThatSaysWhereToPutIt() {
    Throwable failure = boot(ClassLevelInterceptor.class, Fixtures.TracingInterceptor.class);

    assertThat(failure)
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(
            ClassLevelInterceptor.class.getName()
                + ": @Traced binds "
                + "interceptors to the whole controller class")
        .hasMessageContaining("put it on the methods to intercept");
  }

  @Test
  void routeOnAClassThatIsNoControllerIsADefinitionError() {
    assertThat(boot(NotAController.class))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(
            NotAController.class.getName()
                + ": a @Route class must extend org.plezi.jakarta.Controller");
  }

  @Test
  void twoControllersOnOnePathAreADefinitionError() {
    assertThat(boot(FirstRoom.class, SecondRoom.class))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("is already answered by")
        .hasMessageContaining("two routes may not share a path");
  }

  @Test
  void everyProblemIsReportedInOneFailure() {
    Throwable failure = boot(WrongCallback.class, ApplicationScopedController.class, BadPath.class);

    assertThat(failure)
        .hasMessageContaining(WrongCallback.class.getName() + "#onMessage(int)")
        .hasMessageContaining(ApplicationScopedController.class.getName())
        .hasMessageContaining(BadPath.class.getName());
  }

  @Test
  void validControllersDeployWithoutError() {
    assertThat(
            boot(
                FirstRoom.class,
                Fixtures.InjectedController.class,
                Fixtures.Greeter.class,
                Fixtures.Resource.class))
        .isNull();
  }

  @Test
  void unsatisfiedInjectionPointOfAControllerCdiDidNotDiscoverFailsTheStartUp() {
    WeldContainer container =
        new Weld("plezi-" + System.nanoTime())
            .disableDiscovery()
            .addExtension(new PleziExtension())
            .addBeanClasses(Fixtures.Greeter.class)
            .initialize();
    try {
      CdiControllerFactory factory = new CdiControllerFactory(container.getBeanManager(), null);
      Throwable failure =
          catchThrowable(() -> factory.prepare(java.util.List.of(MissingDependency.class)));

      assertThat(failure)
          .isInstanceOf(InvalidControllerException.class)
          .hasMessageContaining(MissingDependency.class.getName() + ": CDI cannot create it")
          .hasMessageContaining("nobodyProducesThis");
    } finally {
      container.shutdown();
    }
  }

  @Test
  void withoutABeanManagerTheProviderDoesNotApply() {
    assertThat(new CdiIntegrationProvider().integrate(FakeServletContext.deployment(Map.of())))
        .isNull();
  }

  @Test
  void aBeanManagerAttributeOfAnotherTypeIsIgnored() {
    assertThat(
            CdiIntegrationProvider.beanManager(
                FakeServletContext.with(Map.of(BeanManager.class.getName(), "not a bean manager"))))
        .isNull();
  }
}
