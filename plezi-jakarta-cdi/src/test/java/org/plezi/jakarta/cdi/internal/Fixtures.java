package org.plezi.jakarta.cdi.internal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Journal;

/** Beans and controllers of the Weld SE tests; each records what happens to it in the Journal. */
final class Fixtures {
  private Fixtures() {}

  /** Shared by every controller of a container. */
  @ApplicationScoped
  public static class Greeter {
    String greet(String who) {
      return "hello " + who;
    }
  }

  /** One per controller; its destruction shows the controller's dependents were released. */
  @Dependent
  public static class Resource {
    @PreDestroy
    void close() {
      Journal.record("resource closed");
    }
  }

  @InterceptorBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.TYPE})
  public @interface Traced {}

  @Traced
  @Interceptor
  @Priority(Interceptor.Priority.APPLICATION)
  public static class TracingInterceptor {
    @AroundInvoke
    Object trace(InvocationContext invocation) throws Exception {
      Journal.record("intercepted " + invocation.getMethod().getName());
      return invocation.proceed();
    }
  }

  /** A discovered controller bean: field injection, lifecycle callbacks, an intercepted method. */
  @Route("/injected")
  @Dependent
  public static class InjectedController extends Controller {
    @Inject Greeter greeter;
    @Inject Resource resource;
    boolean constructed;

    @PostConstruct
    void init() {
      constructed = true;
    }

    @Traced
    @Override
    protected void onMessage(String text) {
      Journal.record(greeter.greet(text));
    }

    @PreDestroy
    void destroy() {
      Journal.record("controller destroyed");
    }
  }

  /** Only an @Inject constructor: the core accepts it when CDI makes controllers. */
  @Route("/constructed")
  @Dependent
  public static class ConstructorController extends Controller {
    final Greeter greeter;

    @Inject
    ConstructorController(Greeter greeter) {
      this.greeter = greeter;
    }

    @Override
    protected void onMessage(String text) {}
  }

  /** No bean-defining annotation: in an annotated-mode archive CDI does not discover it. */
  @Route("/undiscovered")
  public static class UndiscoveredController extends Controller {
    @Inject Greeter greeter;
    @Inject Resource resource;
    boolean constructed;

    @PostConstruct
    void init() {
      constructed = true;
    }

    @Override
    protected void onMessage(String text) {}

    @PreDestroy
    void destroy() {
      Journal.record("undiscovered destroyed");
    }
  }
}
