package org.plezi.jakarta.cdi.payara;

import jakarta.inject.Inject;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/**
 * No bean-defining annotation, in an {@code annotated} archive: injected all the same. "big N"
 * writes N characters back.
 */
@Route("/plain-counter")
public class PlainCounterController extends Controller {
  @Inject VisitCounter counter;

  @Override
  protected void onMessage(String text) {
    if (text.startsWith("big ")) {
      write("x".repeat(Integer.parseInt(text.substring(4))));
      return;
    }
    write(counter == null ? "no injection" : "plain " + text);
  }
}
