package org.plezi.jakarta.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Throws random and malformed JSON at one connection and checks, frame by frame, that it gets
 * exactly the documented replies (or the documented close for an oversized frame), while a second
 * client on the same server keeps being served.
 */
class DispatchPropertyIT {
  private static final int MAX_BYTES = 4096;
  private static final Set<String> REASONS =
      Set.of(
          "malformed JSON",
          "not a JSON object",
          "text after the JSON object",
          "nested deeper than " + AutoDispatch.MAX_DEPTH + " levels",
          "no event",
          "the event is not a string",
          "the message does not fit the event");

  /** Every event answers something, so a frame with no reply at all would be a lost frame. */
  @AutoDispatch
  @Route("/target")
  public static class Target extends Controller {
    /** Bound with JSON-B. */
    public static class Greeting {
      public int times;
    }

    @Event
    String ping() {
      return "pong";
    }

    @Event
    JsonObject echo(JsonObject message) {
      JsonValue n = message.get("n");
      return Json.createObjectBuilder()
          .add("event", "echo")
          .add("n", n == null ? JsonValue.NULL : n)
          .build();
    }

    @Event
    String boom(Map<String, Object> message) {
      throw new IllegalStateException("boom");
    }

    @Event
    String greet(Greeting greeting) {
      return "greeted";
    }

    @Event
    String move(int x, int y) {
      return "moved";
    }
  }

  private static TestServer server;
  private static WsClient victim;
  private static WsClient bystander;
  private static final AtomicLong SENTINELS = new AtomicLong();

  /** The "boom" event fails on purpose hundreds of times: keep its stack traces out of the log. */
  private static final java.util.logging.Logger LIBRARY_LOG =
      java.util.logging.Logger.getLogger("org.plezi.jakarta");

  @BeforeContainer
  static void start() throws Exception {
    LIBRARY_LOG.setLevel(java.util.logging.Level.OFF);
    server =
        TestServer.start(
            Map.of("plezi.message.maxBytes", Integer.toString(MAX_BYTES)), Target.class);
    victim = WsClient.connect(server.ws("/target"));
    bystander = WsClient.connect(server.ws("/target"));
  }

  @AfterContainer
  static void stop() throws Exception {
    victim.close();
    bystander.close();
    server.close();
    LIBRARY_LOG.setLevel(null);
  }

  @Property(tries = 400)
  void everyFrameGetsItsDocumentedReplyAndOthersKeepWorking(@ForAll("frames") String frame)
      throws Exception {
    if (!victim.session().isOpen()) { // a failed try must not spoil the ones that shrink it
      victim = WsClient.connect(server.ws("/target"));
    }
    boolean oversized = frame.length() > MAX_BYTES;
    try {
      victim.send(frame);
    } catch (java.io.IOException | RuntimeException e) {
      // The server may close an oversized message's connection before the client's send returns,
      // which may then fail; the close is checked next. No other send may fail.
      if (!oversized) {
        throw e;
      }
    }
    if (oversized) {
      assertThat(victim.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
      victim = WsClient.connect(server.ws("/target"));
    } else {
      String sentinel = "s" + SENTINELS.incrementAndGet();
      victim.send("{\"event\":\"ping\",\"_EID_\":\"" + sentinel + "\"}");
      List<String> replies = new ArrayList<>();
      String ack = "{\"event\":\"_ack_\",\"_EID_\":\"" + sentinel + "\"}";
      for (String reply = victim.nextText(); !reply.equals(ack); reply = victim.nextText()) {
        replies.add(reply);
      }
      victim.expectText("pong");
      checkReplies(frame, replies);
    }
    long n = SENTINELS.incrementAndGet();
    bystander.send("{\"event\":\"echo\",\"n\":" + n + "}");
    bystander.expectText("{\"event\":\"echo\",\"n\":" + n + "}");
  }

  /** The oracle: what AutoDispatch documents for this frame. */
  private static void checkReplies(String frame, List<String> replies) {
    assertThat(replies).as("replies to %s", frame).isNotEmpty();
    JsonObject message = referenceRead(frame);
    if (message == null) {
      assertThat(replies).hasSize(1);
      assertErr(replies.get(0), 400, null);
      return;
    }
    if (!(message.get("event") instanceof JsonString name)) {
      assertThat(replies).hasSize(1);
      assertErr(replies.get(0), 400, message);
      return;
    }
    List<String> rest = replies;
    if (message.containsKey("_EID_")) {
      JsonObject ack = read(replies.get(0));
      assertThat(ack.getString("event")).isEqualTo("_ack_");
      assertThat(ack.get("_EID_")).isEqualTo(message.get("_EID_"));
      rest = replies.subList(1, replies.size());
    }
    assertThat(rest).as("replies after the ack to %s", frame).hasSize(1);
    String reply = rest.get(0);
    switch (name.getString()) {
      case "ping" -> assertThat(reply).isEqualTo("pong");
      case "echo" ->
          assertThat(read(reply).get("n")).isEqualTo(message.getOrDefault("n", JsonValue.NULL));
      case "boom" -> assertErr(reply, 500, message);
      case "move" -> assertErr(reply, 405, message);
      case "greet" -> {
        if (!reply.equals("greeted")) {
          assertErr(reply, 400, message);
        }
      }
      default -> assertErr(reply, 404, message);
    }
  }

  private static void assertErr(String text, int status, JsonObject request) {
    JsonObject reply = read(text);
    assertThat(reply.getString("event")).isEqualTo("err");
    assertThat(reply.getInt("status")).isEqualTo(status);
    assertThat(reply.getString("result"))
        .isEqualTo(
            switch (status) {
              case 400 -> "bad request";
              case 404 -> "not found";
              case 405 -> "not callable by clients";
              default -> "internal error";
            });
    if (status == 400) {
      assertThat(REASONS).contains(reply.getString("reason"));
    }
    assertThat(reply.get("request")).isEqualTo(request);
  }

  private static JsonObject read(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  /** The frame as one JSON object within the depth limit, or null (expect 400, no request). */
  private static JsonObject referenceRead(String frame) {
    try (JsonParser parser = Json.createParser(new StringReader(frame))) {
      int depth = 0;
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
          if (++depth > AutoDispatch.MAX_DEPTH) {
            return null;
          }
        } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
          depth--;
        }
      }
    } catch (RuntimeException e) {
      return null;
    }
    try {
      JsonValue value = Json.createReader(new StringReader(frame)).readValue();
      return value instanceof JsonObject object ? object : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------------------ generators

  /**
   * Frames a websocket client can send: text without unpaired surrogates, which have no UTF-8 form
   * (the client library refuses them; a container closes with 1007 on invalid UTF-8).
   */
  @Provide
  Arbitrary<String> frames() {
    return anyFrames().filter(DispatchPropertyIT::isWellFormedUtf16);
  }

  private static boolean isWellFormedUtf16(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private Arbitrary<String> anyFrames() {
    Arbitrary<String> messages = messages().map(JsonObject::toString);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, messages),
        net.jqwik.api.Tuple.of(3, mutated(messages)),
        net.jqwik.api.Tuple.of(2, values(3).map(JsonValue::toString)),
        net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
        net.jqwik.api.Tuple.of(1, nested()),
        net.jqwik.api.Tuple.of(
            1, Arbitraries.strings().withChars("{}[]\":,\\ 0e.-tn").ofMaxLength(60)),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.integers()
                .between(MAX_BYTES + 1, MAX_BYTES + 500)
                .map(size -> "{\"event\":\"ping\",\"pad\":\"" + "x".repeat(size) + "\"}")));
  }

  private Arbitrary<JsonObject> messages() {
    Arbitrary<JsonValue> event =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                6,
                Arbitraries.of(
                        "ping",
                        "echo",
                        "boom",
                        "greet",
                        "move",
                        "nope",
                        "",
                        "toString",
                        "close",
                        "onOpen",
                        "unknown")
                    .map(Json::createValue)),
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(12).map(Json::createValue)),
            net.jqwik.api.Tuple.of(1, values(1)));
    Arbitrary<JsonValue> anything = values(3);
    return Combinators.combine(
            event.injectNull(0.1),
            anything.injectNull(0.5),
            anything.injectNull(0.5),
            Arbitraries.of("times", "n", "x", "event", "_EID_"),
            anything)
        .as(
            (name, eid, n, key, value) -> {
              JsonObjectBuilder object = Json.createObjectBuilder().add(key, value);
              if (name != null) {
                object.add("event", name);
              }
              if (eid != null) {
                object.add("_EID_", eid);
              }
              if (n != null) {
                object.add("n", n);
              }
              return object.build();
            });
  }

  /** Random JSON values nested up to {@code depth} levels. */
  private Arbitrary<JsonValue> values(int depth) {
    Arbitrary<JsonValue> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(10).map(Json::createValue),
            Arbitraries.integers().map(Json::createValue),
            Arbitraries.bigDecimals().ofScale(3).map(Json::createValue),
            Arbitraries.of("1e400", "-0", "12345678901234567890123456789", "0.000001", "1E-7")
                .map(text -> Json.createValue(new BigDecimal(text))),
            Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonValue> inner = values(depth - 1);
    Arbitrary<JsonValue> arrays =
        inner
            .list()
            .ofMaxSize(3)
            .map(
                items -> {
                  JsonArrayBuilder array = Json.createArrayBuilder();
                  items.forEach(array::add);
                  return array.build();
                });
    Arbitrary<JsonValue> objects =
        Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), inner)
            .ofMaxSize(3)
            .map(
                members -> {
                  JsonObjectBuilder object = Json.createObjectBuilder();
                  members.forEach(object::add);
                  return object.build();
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, scalars),
        net.jqwik.api.Tuple.of(1, arrays),
        net.jqwik.api.Tuple.of(1, objects));
  }

  /** Valid text with one character removed, replaced or inserted, or cut short. */
  private Arbitrary<String> mutated(Arbitrary<String> texts) {
    return Combinators.combine(
            texts,
            Arbitraries.integers().between(0, 1000),
            Arbitraries.of(0, 1, 2, 3),
            Arbitraries.chars().with("{}[]\":,\\x0 "))
        .as(
            (text, at, how, c) -> {
              int i = at % (text.length() + 1);
              return switch (how) {
                case 0 -> text.substring(0, i);
                case 1 -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
                case 2 ->
                    i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text;
                default -> text.substring(0, i) + c + text.substring(i);
              };
            });
  }

  /** Nesting around the limit, balanced or not, as arrays or objects. */
  private Arbitrary<String> nested() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 1500),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (depth, balanced, arrays) -> {
              String open = arrays ? "[" : "{\"a\":";
              String close = arrays ? "]" : "}";
              String inner = open.repeat(depth) + "1" + (balanced ? close.repeat(depth) : "");
              return "{\"event\":\"ping\",\"deep\":" + inner + "}";
            });
  }
}
