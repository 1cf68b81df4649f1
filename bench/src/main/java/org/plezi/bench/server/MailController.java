package org.plezi.bench.server;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * The mailbox bench's controller (issue 18): a connection registers as the identity in its path;
 * each mail message is written to the client as {@code {"event":"mail","n":...}}.
 */
@AutoDispatch
@Route("/mail/{name}")
public class MailController extends Controller {
  @Override
  protected void onOpen() {
    registerAs(params().get("name"));
    write("{\"event\":\"in\"}");
  }

  @Event(from = Caller.SERVER)
  JsonObject mail(long n) {
    return Json.createObjectBuilder().add("event", "mail").add("n", n).build();
  }
}
