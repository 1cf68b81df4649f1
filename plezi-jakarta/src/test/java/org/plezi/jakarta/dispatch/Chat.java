package org.plezi.jakarta.dispatch;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Journal;

/** An auto-dispatch controller with one event per way of taking a message. */
@AutoDispatch
@Route("/chat")
public class Chat extends Controller {
  /** A message bound with JSON-B. */
  public static class Greeting {
    public String name;
    public int times;
  }

  /** A reply written as JSON with JSON-B. */
  public record Summary(String event, String text, List<Integer> sizes) {}

  @Event
  String ping() {
    return "pong";
  }

  @Event
  String whole(JsonObject message) {
    write("before the return value");
    return "whole " + message.getString("text", "?");
  }

  @Event
  String map(Map<String, Object> message) {
    Object n = message.get("n");
    return "map "
        + (n == null ? "null" : n.getClass().getSimpleName() + " " + n)
        + " "
        + message.get("list");
  }

  @Event
  String greet(Greeting greeting) {
    return "hello " + greeting.name + " x" + greeting.times;
  }

  @Event("summary")
  Summary summarize(JsonObject message) {
    return new Summary("summary", message.getString("text"), List.of(1, 2));
  }

  @Event
  JsonObject json() {
    return Json.createObjectBuilder().add("event", "json").add("ok", true).build();
  }

  @Event
  void quiet(JsonObject message) {
    Journal.record("quiet " + message.getString("text"));
  }

  @Event
  String boom() throws IOException {
    throw new IOException("secret detail from " + getClass().getName());
  }

  @Event
  String crash() {
    throw new IllegalStateException("secret runtime detail");
  }

  /** Positional only: reachable by messages between connections, not by clients (405). */
  @Event
  String move(int x, int y) {
    return "moved " + x + "," + y;
  }

  /** Asks the other chat connections to announce something (messaging between connections). */
  @Event
  void shout(JsonObject message) {
    broadcast("announce", message.getString("text"));
  }

  /** Called by a broadcast with a positional argument; its String result reaches this client. */
  @Event
  String announce(String text) {
    return "announced " + text;
  }

  /** Called by other connections or a Messenger; its Map result is written as JSON. */
  @Event
  Map<String, Object> stats(String who, int count) {
    return Map.of("event", "stats", "who", who, "count", count);
  }

  /** Public but not an event: never callable from the wire. */
  public String notAnEvent() {
    Journal.record("notAnEvent called!");
    return "should never be returned";
  }

  @Override
  protected void onMessage(byte[] data) {
    write("binary " + data.length);
  }
}
