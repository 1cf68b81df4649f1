package org.plezi.jakarta.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * An auto-dispatch controller whose connection registers as the identity in its path, and whose
 * mail reaches the client as {@code {"event":"mail","text":...}} tagged with {@code _mail_} (#18).
 */
@AutoDispatch
@Route("/acked/{name}")
public class AckedChat extends Controller {
  @Override
  protected void onOpen() {
    registerAs(params().get("name"));
    write("{\"event\":\"in\"}");
  }

  @Event(from = Caller.SERVER)
  JsonObject mail(String text) {
    return Json.createObjectBuilder().add("event", "mail").add("text", text).build();
  }
}
