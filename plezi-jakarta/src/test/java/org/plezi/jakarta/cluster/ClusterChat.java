package org.plezi.jakarta.cluster;

import java.util.List;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.FailedUnicast;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Journal;

/** Client text "op:arg..." makes this connection send; whatever it receives goes to its client. */
@Route("/chat")
public class ClusterChat extends Controller {
  @Override
  protected void onOpen() {
    write("uuid " + uuid());
  }

  @Override
  protected void onMessage(String command) {
    String[] part = command.split(":", 3);
    switch (part[0]) {
      case "multicast" -> multicast("say", part[1]);
      case "broadcast" -> broadcast("say", part[1]);
      case "broadcastOther" -> broadcast(ClusterOther.class, "say", part[1]);
      case "unicast" -> unicast(part[1], "say", part[2]);
      case "login" -> {
        registerAs(part[1]);
        write("logged in as " + part[1]);
      }
      case "notify" -> write("notified " + notify(part[1], "mail", part[2]));
      default -> write("unknown command " + command);
    }
  }

  @Event
  void say(String text) {
    write("say " + text);
  }

  /** An identity's message. */
  @Event
  void mail(String text) {
    write("mail " + text);
  }

  /** The method of DESIGN.md's envelope example. */
  @Event
  void print(String text) {
    write("print " + text);
  }

  @Override
  protected void onBroadcast(Object message) {
    write("raw " + message);
  }

  @FailedUnicast
  static void failed(String target, String event, List<Object> args) {
    Journal.record("failed " + target + " " + event + " " + args);
  }
}
