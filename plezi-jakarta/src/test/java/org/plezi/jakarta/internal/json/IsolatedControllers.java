package org.plezi.jakarta.internal.json;

import jakarta.json.JsonObject;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * Controllers that {@link JsonAbsenceTest} loads in a class loader lacking JSON-P or JSON-B, as a
 * plain Tomcat would run them. Nothing else may refer to JSON types here.
 */
final class IsolatedControllers {
  private IsolatedControllers() {}

  @Route("/plain")
  public static class Plain extends Controller {
    @Override
    protected void onMessage(String text) {
      write(text);
    }
  }

  @AutoDispatch
  @Route("/auto")
  public static class Auto extends Controller {
    @Event
    String ping() {
      return "pong";
    }
  }

  @AutoDispatch
  @Route("/whole")
  public static class Whole extends Controller {
    @Event
    String whole(JsonObject message) {
      return message.toString();
    }
  }

  /** A message class bound with JSON-B. */
  public static class Greeting {
    public String name;
  }

  @AutoDispatch
  @Route("/pojo")
  public static class Pojo extends Controller {
    @Event
    String greet(Greeting greeting) {
      return greeting.name;
    }
  }
}
