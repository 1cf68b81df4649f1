package org.plezi.jakarta.cdi.payara;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/**
 * A controller bean. On open it tells its number; "destroyed? N" asks whether controller N's
 * {@code @PreDestroy} ran; anything else is echoed. {@code GET /counter} answers "ready".
 */
@Route("/counter")
@Dependent
public class CounterController extends Controller {
  @Inject VisitCounter counter;
  private int number;

  @PostConstruct
  void numbered() {
    number = counter.next();
  }

  @Override
  protected void onOpen() {
    write("controller " + number);
  }

  @Override
  protected void onMessage(String text) {
    if (text.startsWith("destroyed? ")) {
      write(counter.wasDestroyed(Integer.parseInt(text.substring(11))) ? "yes" : "no");
    } else {
      write("echo " + text);
    }
  }

  @Override
  protected String index() {
    return "ready";
  }

  @PreDestroy
  void destroyed() {
    counter.destroyed(number);
  }
}
