package org.plezi.bench.server;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * The history bench's controller (issue 18): a connection subscribes to {@code room:1} on open;
 * each publication is written to the client as {@code {"event":"said","n":...}} (with its {@code
 * _chan_} position first when the channel keeps history).
 */
@AutoDispatch
@Route("/history")
public class HistoryController extends Controller {
  @Override
  protected void onOpen() {
    subscribe("room:1");
    write("{\"event\":\"in\"}");
  }

  @Event(from = Caller.SERVER)
  JsonObject said(long n) {
    return Json.createObjectBuilder().add("event", "said").add("n", n).build();
  }
}
