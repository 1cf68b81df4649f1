package org.plezi.jakarta.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

@Timeout(60)
class AutoDispatchIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(Map.of("plezi.message.maxBytes", "1048576"), Chat.class, Hooked.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clearJournal() {
    Journal.clear();
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void zeroArgumentEventReturnsItsStringAsItIs() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"ping\"}");
      client.expectText("pong");
    }
  }

  @Test
  void ackComesFirstThenWhatTheHandlerWroteThenItsReturnValue() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"whole\",\"_EID_\":7,\"text\":\"hi\"}");
      client.expectText("{\"event\":\"_ack_\",\"_EID_\":7}");
      client.expectText("before the return value");
      client.expectText("whole hi");
    }
  }

  @Test
  void ackEchoesNumbersAndStringsFaithfully() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      for (String eid :
          new String[] {
            "12345678901234567890123",
            "1.50",
            "-3",
            "0",
            "\"abc\"",
            "\"q\\\"uote \\\\ back\"",
            "\"\\u2028 line sep, ü, 😀\""
          }) {
        client.send("{\"event\":\"ping\",\"_EID_\":" + eid + "}");
        JsonObject ack = json(client.nextText());
        assertThat(ack.getString("event")).isEqualTo("_ack_");
        assertThat(ack.get("_EID_")).isEqualTo(json("{\"v\":" + eid + "}").get("v"));
        client.expectText("pong");
      }
      client.send("{\"event\":\"ping\",\"_EID_\":12345678901234567890.50}");
      client.expectText("{\"event\":\"_ack_\",\"_EID_\":12345678901234567890.50}");
      client.expectText("pong");
    }
  }

  @Test
  void mapParameterReceivesPlainJavaValues() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"map\",\"n\":42,\"list\":[1,\"x\",null,true,{\"k\":[]}]}");
      client.expectText("map Long 42 [1, x, null, true, {k=[]}]");
      client.send("{\"event\":\"map\",\"n\":1.5}");
      client.expectText("map BigDecimal 1.5 null");
      client.send("{\"event\":\"map\",\"n\":123456789012345678901234567890}");
      client.expectText("map BigDecimal 123456789012345678901234567890 null");
    }
  }

  @Test
  void applicationClassParameterIsBoundWithJsonb() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"greet\",\"name\":\"Ann\",\"times\":3,\"_EID_\":1}");
      client.expectText("{\"event\":\"_ack_\",\"_EID_\":1}");
      client.expectText("hello Ann x3");
    }
  }

  @Test
  void messageThatDoesNotBindToTheParameterClassGets400() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"greet\",\"times\":\"many\"}");
      client.expectText(
          "{\"event\":\"err\",\"status\":400,\"result\":\"bad request\","
              + "\"reason\":\"the message does not fit the event\","
              + "\"request\":{\"event\":\"greet\",\"times\":\"many\"}}");
      client.send("{\"event\":\"ping\"}");
      client.expectText("pong");
    }
  }

  @Test
  void objectReturnValuesAreWrittenAsJson() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"summary\",\"text\":\"t\"}");
      assertThat(json(client.nextText()))
          .isEqualTo(json("{\"event\":\"summary\",\"text\":\"t\",\"sizes\":[1,2]}"));
      client.send("{\"event\":\"json\"}");
      client.expectText("{\"event\":\"json\",\"ok\":true}");
    }
  }

  @Test
  void voidEventWritesNothing() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"quiet\",\"text\":\"shh\"}");
      client.send("{\"event\":\"ping\"}");
      client.expectText("pong");
      Journal.expect("quiet shh");
    }
  }

  @Test
  void unknownEventIsAcknowledgedThenAnswered404WithTheRequest() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"nope\",\"_EID_\":\"x\",\"data\":[1]}");
      client.expectText("{\"event\":\"_ack_\",\"_EID_\":\"x\"}");
      client.expectText(
          "{\"event\":\"err\",\"status\":404,\"result\":\"not found\","
              + "\"request\":{\"event\":\"nope\",\"_EID_\":\"x\",\"data\":[1]}}");
      client.send("{\"event\":\"ping\"}");
      client.expectText("pong");
    }
  }

  @Test
  void onlyEventMethodsAreReachableNotCallbacksNorInheritedNorPublicMethods() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      for (String name :
          new String[] {
            "notAnEvent",
            "close",
            "getClass",
            "uuid",
            "write",
            "onOpen",
            "onClose",
            "onMessage",
            "toString",
            "hashCode",
            "wait",
            "notify",
            "index",
            "show",
            "unknown",
            "preConnect",
            "params",
            "isOpen",
            "summarize",
            "constructor",
            "<init>",
            ""
          }) {
        client.send("{\"event\":\"" + name + "\"}");
        JsonObject reply = json(client.nextText());
        assertThat(reply.getInt("status")).as(name).isEqualTo(404);
      }
      client.send("{\"event\":\"ping\"}");
      client.expectText("pong");
      assertThat(client.session().isOpen()).isTrue();
    }
  }

  @Test
  void unknownHookAnswersInsteadOf404() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/hooked"))) {
      client.send("{\"event\":\"what\",\"n\":1,\"_EID_\":2}");
      client.expectText("{\"event\":\"_ack_\",\"_EID_\":2}");
      client.expectText("unknown what 1");
      client.send("{\"event\":\"known\"}");
      client.expectText("known");
    }
  }

  @Test
  void unknownHookThatThrowsAnswers500() throws Exception {
    try (LogCapture log = LogCapture.start();
        WsClient client = WsClient.connect(server.ws("/hooked"))) {
      client.send("{\"event\":\"explode\"}");
      client.expectText(
          "{\"event\":\"err\",\"status\":500,\"result\":\"internal error\","
              + "\"request\":{\"event\":\"explode\"}}");
      client.send("{\"event\":\"known\"}");
      client.expectText("known");
      await().atMost(Duration.ofSeconds(10)).until(() -> log.count(": unknown threw") == 1);
    }
  }

  @Test
  void malformedFramesAnswer400AndTheConnectionStaysOpen() throws Exception {
    Map<String, String> reasons = new java.util.LinkedHashMap<>();
    reasons.put("{", "malformed JSON");
    reasons.put("not json", "malformed JSON");
    reasons.put("{\"event\":\"ping\",}", "malformed JSON");
    reasons.put("{\"event\":\"ping\"} trailing", "malformed JSON");
    reasons.put("", "malformed JSON");
    reasons.put("   ", "malformed JSON");
    reasons.put("[1,2]", "not a JSON object");
    reasons.put("\"ping\"", "not a JSON object");
    reasons.put("42", "not a JSON object");
    reasons.put("null", "not a JSON object");
    reasons.put("{}{}", "malformed JSON");
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      for (Map.Entry<String, String> bad : reasons.entrySet()) {
        client.send(bad.getKey());
        client.expectText(
            "{\"event\":\"err\",\"status\":400,\"result\":\"bad request\","
                + "\"reason\":\""
                + bad.getValue()
                + "\"}");
      }
      client.send("{\"_EID_\":3,\"data\":1}");
      client.expectText(
          "{\"event\":\"err\",\"status\":400,\"result\":\"bad request\","
              + "\"reason\":\"no event\",\"request\":{\"_EID_\":3,\"data\":1}}");
      for (String notString : new String[] {"5", "null", "true", "[\"ping\"]", "{}"}) {
        client.send("{\"event\":" + notString + "}");
        client.expectText(
            "{\"event\":\"err\",\"status\":400,\"result\":\"bad request\","
                + "\"reason\":\"the event is not a string\",\"request\":{\"event\":"
                + notString
                + "}}");
      }
      client.send("{\"event\":\"ping\"}");
      client.expectText("pong");
    }
  }

  @Test
  void nestingIsAcceptedUpToTheLimitAndRefusedBeyondWithoutExhaustingTheStack() throws Exception {
    int limit = AutoDispatch.MAX_DEPTH;
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send(
          "{\"event\":\"ping\",\"a\":" + "[".repeat(limit - 1) + "]".repeat(limit - 1) + "}");
      client.expectText("pong");
      client.send("{\"event\":\"ping\",\"a\":" + "[".repeat(limit) + "]".repeat(limit) + "}");
      client.expectText(
          "{\"event\":\"err\",\"status\":400,\"result\":\"bad request\","
              + "\"reason\":\"nested deeper than "
              + limit
              + " levels\"}");
      // Far deeper than any thread stack could recurse, unbalanced, just under the size limit.
      client.send("{\"a\":" + "[{\"b\":".repeat(80_000));
      client.expectText(
          "{\"event\":\"err\",\"status\":400,\"result\":\"bad request\","
              + "\"reason\":\"nested deeper than "
              + limit
              + " levels\"}");
      client.send("{\"event\":\"ping\"}");
      client.expectText("pong");
    }
  }

  @Test
  void handlerThatThrowsAnswers500WithoutLeakingAndIsLoggedOnce() throws Exception {
    try (LogCapture log = LogCapture.start();
        WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"boom\",\"_EID_\":9}");
      client.expectText("{\"event\":\"_ack_\",\"_EID_\":9}");
      String reply = client.nextText();
      assertThat(reply)
          .isEqualTo(
              "{\"event\":\"err\",\"status\":500,"
                  + "\"result\":\"internal error\",\"request\":{\"event\":\"boom\",\"_EID_\":9}}");
      client.send("{\"event\":\"crash\"}");
      reply = client.nextText();
      assertThat(reply)
          .doesNotContain("secret", "Exception", "org.plezi", "at ")
          .contains("\"status\":500");
      client.send("{\"event\":\"ping\"}");
      client.expectText("pong");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> log.count("event 'boom' threw") == 1 && log.count("event 'crash' threw") == 1);
    }
  }

  @Test
  void eventThatCannotTakeAJsonMessageAnswers405() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send("{\"event\":\"move\",\"x\":1,\"y\":2,\"_EID_\":4}");
      client.expectText("{\"event\":\"_ack_\",\"_EID_\":4}");
      client.expectText(
          "{\"event\":\"err\",\"status\":405,\"result\":\"not callable by clients\","
              + "\"request\":{\"event\":\"move\",\"x\":1,\"y\":2,\"_EID_\":4}}");
    }
  }

  @Test
  void eventsCalledByOtherConnectionsWriteTheirStringResultToTheirClient() throws Exception {
    try (WsClient sender = WsClient.connect(server.ws("/chat"));
        WsClient receiver = WsClient.connect(server.ws("/chat"))) {
      receiver.send("{\"event\":\"ping\"}");
      receiver.expectText("pong"); // both are open before the broadcast
      sender.send("{\"event\":\"shout\",\"text\":\"hey\"}");
      receiver.expectText("announced hey");
      sender.send("{\"event\":\"ping\"}");
      sender.expectText("pong"); // the sender's own connection is skipped
      receiver.send("{\"event\":\"announce\",\"text\":\"x\"}");
      assertThat(json(receiver.nextText()).getInt("status")).isEqualTo(405);
    }
  }

  @Test
  void objectResultsOfEventsSentByAMessengerAreWrittenAsJson() throws Exception {
    try (WsClient receiver = WsClient.connect(server.ws("/chat"))) {
      receiver.send("{\"event\":\"ping\"}");
      receiver.expectText("pong");
      org.plezi.jakarta.Plezi.messenger(server.servletContext())
          .broadcast(Chat.class, "stats", "ada", 3L);
      JsonObject stats = json(receiver.nextText());
      assertThat(stats.getString("who")).isEqualTo("ada");
      assertThat(stats.getInt("count")).isEqualTo(3);
    }
  }

  @Test
  void binaryFramesGoToOnMessageBytes() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/chat"))) {
      client.send(new byte[] {1, 2, 3});
      client.expectText("binary 3");
    }
  }

  @Test
  void binaryFramesToAControllerWithoutBinaryHandlerCloseWith1003() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/hooked"))) {
      client.send("{\"event\":\"known\"}");
      client.expectText("known");
      client.send(new byte[] {1});
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }
  }
}
