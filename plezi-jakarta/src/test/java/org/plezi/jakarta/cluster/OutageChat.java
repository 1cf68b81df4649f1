package org.plezi.jakarta.cluster;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/**
 * Like {@link ClusterChat}'s login and notify, but answers what a Redis failure looked like to
 * controller code: {@code error <exception class> <whether an IllegalStateException>}.
 */
@Route("/outage")
public class OutageChat extends Controller {
  @Override
  protected void onOpen() {
    write("uuid " + uuid());
  }

  @Override
  protected void onMessage(String command) {
    String[] part = command.split(":", 3);
    try {
      switch (part[0]) {
        case "login" -> {
          registerAs(part[1]);
          write("logged in as " + part[1]);
        }
        case "notify" -> write("notified " + notify(part[1], "mail", part[2]));
        case "multicast" -> {
          multicast("mail", part[1]);
          write("multicast sent");
        }
        default -> write("unknown command " + command);
      }
    } catch (RuntimeException e) {
      write("error " + e.getClass().getName() + " " + (e instanceof IllegalStateException));
    }
  }

  @org.plezi.jakarta.Event
  void mail(String text) {
    write("mail " + text);
  }
}
