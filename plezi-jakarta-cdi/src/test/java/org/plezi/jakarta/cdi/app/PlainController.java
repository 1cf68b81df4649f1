package org.plezi.jakarta.cdi.app;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Journal;

/**
 * No bean-defining annotation: in this {@code annotated} archive CDI does not discover it, yet it
 * gets injection; without CDI it is made by reflection and {@link #greeter} stays null.
 */
@Route("/plain")
public class PlainController extends Controller {
  @Inject Greeter greeter;

  @Override
  protected void onMessage(String text) {
    write(greeter == null ? "no injection" : greeter.greet(text));
  }

  @PreDestroy
  void destroyed() {
    Journal.record("plain destroyed");
  }
}
