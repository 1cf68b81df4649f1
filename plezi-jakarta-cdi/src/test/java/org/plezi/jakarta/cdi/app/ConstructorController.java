package org.plezi.jakarta.cdi.app;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/** Only an {@code @Inject} constructor: runs with CDI, fails the deployment without. */
@Route("/constructed")
@Dependent
public class ConstructorController extends Controller {
  private final Greeter greeter;

  @Inject
  public ConstructorController(Greeter greeter) {
    this.greeter = greeter;
  }

  @Override
  protected void onMessage(String text) {
    write(greeter.greet(text) + " by constructor");
  }
}
