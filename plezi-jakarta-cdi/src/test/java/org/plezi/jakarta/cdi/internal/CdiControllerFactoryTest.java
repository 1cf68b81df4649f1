package org.plezi.jakarta.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.cdi.PleziExtension;
import org.plezi.jakarta.cdi.internal.Fixtures.ConstructorController;
import org.plezi.jakarta.cdi.internal.Fixtures.Greeter;
import org.plezi.jakarta.cdi.internal.Fixtures.InjectedController;
import org.plezi.jakarta.cdi.internal.Fixtures.Resource;
import org.plezi.jakarta.cdi.internal.Fixtures.TracingInterceptor;
import org.plezi.jakarta.cdi.internal.Fixtures.UndiscoveredController;
import org.plezi.jakarta.spi.ControllerFactory;
import org.plezi.jakarta.spi.ControllerRules;
import org.plezi.jakarta.spi.Integration;
import org.plezi.jakarta.testing.Journal;

/** The CDI controller factory on Weld SE, reached the way the core reaches it: the provider. */
class CdiControllerFactoryTest {
  private WeldContainer container;
  private ControllerFactory factory;

  @BeforeEach
  void clearJournal() {
    Journal.clear();
  }

  @AfterEach
  void shutDown() {
    if (container != null) {
      container.shutdown();
    }
  }

  /** Boots Weld with only these classes and the extension. */
  private void boot(Class<?>... classes) {
    container =
        new Weld("plezi-" + System.nanoTime())
            .disableDiscovery()
            .addExtension(new PleziExtension())
            .addBeanClasses(classes)
            .initialize();
    Integration integration =
        new CdiIntegrationProvider()
            .integrate(
                FakeServletContext.deployment(
                    Map.of(BeanManager.class.getName(), container.getBeanManager())));
    assertThat(integration).isNotNull();
    factory = integration.controllers();
  }

  /** A controller class that passes the core's checks, as the core hands it to the factory. */
  private static Class<? extends Controller> routed(Class<? extends Controller> type) {
    assertThat(ControllerRules.check(List.of(type))).isEmpty();
    return type;
  }

  @Test
  void discoveredControllerGetsFieldInjectionAndPostConstruct() throws Exception {
    boot(InjectedController.class, Greeter.class, Resource.class);

    InjectedController controller =
        (InjectedController) factory.create(routed(InjectedController.class));

    assertThat(controller.greeter.greet("you")).isEqualTo("hello you");
    assertThat(controller.resource).isNotNull();
    assertThat(controller.constructed).isTrue();
  }

  @Test
  void eachCreateMakesANewControllerWithItsOwnDependentsAndSharedApplicationBeans()
      throws Exception {
    boot(InjectedController.class, Greeter.class, Resource.class);
    Class<? extends Controller> type = routed(InjectedController.class);

    InjectedController first = (InjectedController) factory.create(type);
    InjectedController second = (InjectedController) factory.create(type);

    assertThat(first).isNotSameAs(second);
    assertThat(first.resource).isNotSameAs(second.resource);
    assertThat(container.select(Greeter.class).get().greet("x")).isEqualTo("hello x");
    assertThat(((CdiControllerFactory) factory).liveCount()).isEqualTo(2);
  }

  @Test
  void releaseRunsPreDestroyThenDestroysTheControllersDependents() throws Exception {
    boot(InjectedController.class, Greeter.class, Resource.class);
    Controller controller = factory.create(routed(InjectedController.class));

    factory.release(controller);

    Journal.expect("controller destroyed", "resource closed");
    assertThat(((CdiControllerFactory) factory).liveCount()).isZero();
  }

  @Test
  void releasingTwiceOrAForeignControllerDoesNothing() throws Exception {
    boot(InjectedController.class, Greeter.class, Resource.class);
    Controller controller = factory.create(routed(InjectedController.class));
    factory.release(controller);
    Journal.expect("controller destroyed", "resource closed");

    factory.release(controller);
    factory.release(new InjectedController());

    assertThat(Journal.pollNow()).isNull();
  }

  @Test
  void methodLevelInterceptorWrapsTheCallback() throws Exception {
    boot(InjectedController.class, Greeter.class, Resource.class, TracingInterceptor.class);
    InjectedController controller =
        (InjectedController) factory.create(routed(InjectedController.class));

    controller.onMessage("there");

    Journal.expect("intercepted onMessage", "hello there");
  }

  @Test
  void injectConstructorIsCalledByCdi() throws Exception {
    boot(ConstructorController.class, Greeter.class);

    ConstructorController controller =
        (ConstructorController) factory.create(routed(ConstructorController.class));

    assertThat(controller.greeter.greet("ctor")).isEqualTo("hello ctor");
  }

  @Test
  void theExtensionRunsOnceAndMakesTheControllerABean() {
    boot(InjectedController.class, Greeter.class, Resource.class);

    assertThat(container.getBeanManager().getBeans(ControllerCatalog.class)).hasSize(1);
    assertThat(container.select(ControllerCatalog.class).get().beanOf(InjectedController.class))
        .isNotNull();
  }

  /**
   * CDI never sees such a class: an {@code annotated} archive (no {@code beans.xml}, or an empty
   * one) and no bean-defining annotation, or a jar that is no bean archive.
   */
  @Test
  void controllerCdiDidNotDiscoverStillGetsInjectionAndLifecycle() throws Exception {
    boot(Greeter.class, Resource.class);
    assertThat(container.getBeanManager().getBeans(UndiscoveredController.class)).isEmpty();

    UndiscoveredController controller =
        (UndiscoveredController) factory.create(routed(UndiscoveredController.class));
    assertThat(controller.greeter.greet("anyway")).isEqualTo("hello anyway");
    assertThat(controller.constructed).isTrue();

    factory.release(controller);
    Journal.expect("undiscovered destroyed", "resource closed");
  }
}
