package org.plezi.jakarta.cdi.app;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Journal;

/** A controller bean: injected fields, lifecycle callbacks; tells its instance on open. */
@Route("/greet")
@Dependent
public class GreetingController extends Controller {
  @Inject Greeter greeter;
  @Inject ConnectionLog log;

  @PostConstruct
  void created() {
    Journal.record("greeting created");
  }

  @Override
  protected void onOpen() {
    write("instance " + System.identityHashCode(this));
  }

  @Override
  protected void onMessage(String text) {
    write(greeter.greet(text));
  }

  /** Reached by the Announcer bean through the injected Messenger. */
  @org.plezi.jakarta.Event
  void announced(String text) {
    write("announced " + text);
  }

  @Override
  protected String index() {
    return greeter.greet("page");
  }

  @PreDestroy
  void destroyed() {
    Journal.record("greeting destroyed");
  }
}
