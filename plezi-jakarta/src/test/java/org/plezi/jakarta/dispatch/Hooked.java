package org.plezi.jakarta.dispatch;

import java.util.Map;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/** Overrides unknown(); has no binary handler; has no onMessage override at all. */
@AutoDispatch
@Route("/hooked")
public class Hooked extends Controller {
  @Event(from = {Caller.CLIENT, Caller.SERVER})
  String known() {
    return "known";
  }

  @Override
  protected String unknown(Map<String, Object> message) {
    if ("explode".equals(message.get("event"))) {
      throw new IllegalArgumentException("unknown hook failed");
    }
    return "unknown " + message.get("event") + " " + message.get("n");
  }
}
