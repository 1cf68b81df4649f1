package org.plezi.jakarta.cluster;

import java.util.Map;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * Subscribes on the client's "join", or in onOpen with {@code ?sub=1}; publishes {@code said} to
 * the channel on the client's {@code {"event":"tell","text":...}} (for servers in JVMs of their
 * own, where the test has no Messenger).
 */
@AutoDispatch
@Route("/history")
public class HistoryRoom extends Controller {
  @Override
  protected void onOpen() {
    if ("1".equals(params().get("sub"))) {
      subscribe("h");
    }
    write("ready");
  }

  @Event(from = Caller.CLIENT)
  void join(Map<String, Object> message) {
    subscribe("h");
    write("joined");
  }

  @Event(from = Caller.CLIENT)
  void leave(Map<String, Object> message) {
    unsubscribe("h");
    write("left");
  }

  @Event(from = Caller.CLIENT)
  void tell(Map<String, Object> message) {
    publish("h", "said", String.valueOf(message.get("text")));
    write("told");
  }

  @Event
  String said(String text) {
    return "{\"event\":\"said\",\"text\":\"" + text + "\"}";
  }

  @Event
  void quiet(String text) {}
}
