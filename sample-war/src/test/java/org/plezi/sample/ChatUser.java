package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import org.plezi.jakarta.testing.WsClient;

/**
 * One chat connection as a test sees it: sends JSON events, reads each reply as a JSON object, and
 * waits (up to the harness's 20 s) for each one instead of sleeping.
 */
final class ChatUser implements AutoCloseable {
  private final WsClient socket;
  private String name;

  private ChatUser(WsClient socket) {
    this.socket = socket;
  }

  /** Opens a connection to the chat route, e.g. {@code ws://127.0.0.1:8080/chat}. */
  static ChatUser connect(URI chat) throws Exception {
    return new ChatUser(WsClient.connect(chat));
  }

  /** Connects and logs in, expecting the welcome. */
  static ChatUser login(URI chat, String name) throws Exception {
    ChatUser user = connect(chat);
    user.login(name);
    return user;
  }

  void login(String wanted) throws Exception {
    send(Json.createObjectBuilder().add("event", "login").add("name", wanted).build());
    assertThat(next("welcome").getString("name")).isEqualTo(wanted);
    name = wanted;
  }

  String name() {
    return name;
  }

  void chat(String text) throws Exception {
    send(Json.createObjectBuilder().add("event", "chat").add("text", text).build());
  }

  void whisper(String to, String text) throws Exception {
    send(
        Json.createObjectBuilder().add("event", "whisper").add("to", to).add("text", text).build());
  }

  void send(JsonObject message) throws Exception {
    socket.send(message.toString());
  }

  /** Sends a frame as it is, JSON or not. */
  void sendRaw(String frame) throws Exception {
    socket.send(frame);
  }

  /**
   * The next frame, which must be a JSON object. A whisper is mailbox mail, which the client
   * confirms (issue 18) as the JavaScript client does: its {@code _mail_} tag is confirmed and
   * taken off what is returned.
   */
  JsonObject next() throws Exception {
    String text = socket.nextText();
    JsonObject message;
    try (var reader = Json.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      assertThat(value.getValueType()).as(text).isEqualTo(JsonValue.ValueType.OBJECT);
      message = value.asJsonObject();
    }
    JsonValue tag = message.get("_mail_");
    if (tag == null) {
      return message;
    }
    JsonObject mail = tag.asJsonObject();
    socket.send(
        Json.createObjectBuilder()
            .add("event", "_mack_")
            .add(
                "m",
                Json.createArrayBuilder()
                    .add(
                        Json.createArrayBuilder()
                            .add(mail.getString("identity"))
                            .add(mail.getJsonNumber("seq").longValueExact())))
            .build()
            .toString());
    if ("_mail_".equals(message.getString("event", null))) {
      return next(); // a tag alone: nothing for the test
    }
    return Json.createObjectBuilder(message).remove("_mail_").build();
  }

  /** The next frame, which must be the JSON event {@code event}. */
  JsonObject next(String event) throws Exception {
    JsonObject message = next();
    assertThat(message.getString("event", null)).as(message.toString()).isEqualTo(event);
    return message;
  }

  /** Asserts the next frame is {@code {"event":"chat","from":from,"text":text}}. */
  void expectChat(String from, String text) throws Exception {
    assertThat(next()).isEqualTo(json("chat", "from", from, "text", text));
  }

  /** Asserts the next frame is {@code {"event":"whisper","from":from,"text":text}}. */
  void expectWhisper(String from, String text) throws Exception {
    assertThat(next()).isEqualTo(json("whisper", "from", from, "text", text));
  }

  /** Asserts the next frame is the sender's receipt {@code {"event":"whispered",...}}. */
  void expectWhispered(String to, String text) throws Exception {
    assertThat(next()).isEqualTo(json("whispered", "to", to, "text", text));
  }

  void expectNotice(String text) throws Exception {
    assertThat(next()).isEqualTo(json("notice", "text", text));
  }

  /** The next frame must be an {@code err} reply with this status; returns it. */
  JsonObject expectError(int status) throws Exception {
    JsonObject error = next("err");
    assertThat(error.getInt("status")).as(error.toString()).isEqualTo(status);
    return error;
  }

  void expectNothingMore() throws Exception {
    socket.expectNothingMore();
  }

  /** Sends logout and waits for the server's close, which must be 1000 "logged out". */
  void logout() throws Exception {
    sendRaw("{\"event\":\"logout\"}");
    WsClient.Closed closed = socket.awaitClose();
    assertThat(closed.code()).isEqualTo(1000);
    assertThat(closed.reason()).isEqualTo("logged out");
  }

  WsClient socket() {
    return socket;
  }

  @Override
  public void close() throws Exception {
    socket.close();
  }

  /** {@code {"event":event, k1:v1, k2:v2, ...}} with string values. */
  static JsonObject json(String event, String... pairs) {
    var builder = Json.createObjectBuilder().add("event", event);
    for (int i = 0; i < pairs.length; i += 2) {
      builder.add(pairs[i], pairs[i + 1]);
    }
    return builder.build();
  }
}
