package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.plezi.jakarta.testing.WsClient;

/**
 * One chat connection as a test sees it: sends JSON events, reads each reply as a JSON object, and
 * waits (up to the harness's 20 s) for each one instead of sleeping.
 *
 * <p>The room frames ({@code room}, {@code members}, {@code entered}, {@code left}), which come
 * whenever anybody enters or leaves this user's room, are not returned by {@link #next()}: they
 * keep this user's view of its room as the page keeps it ({@link #room()}, {@link #members()}), and
 * {@link #awaitMembers} waits for that view.
 */
final class ChatUser implements AutoCloseable {
  private static final Set<String> ROOM_EVENTS = Set.of("room", "members", "entered", "left");

  /** The harness's wait for one frame. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final WsClient socket;
  private String name;

  /** Other frames read while waiting for a room's members, returned first by {@link #next()}. */
  private final ArrayDeque<JsonObject> stashed = new ArrayDeque<>();

  /** The room this connection was last told it is in; null before the first {@code room}. */
  private String room;

  /** Its members, id to name; null until the room's {@code members} list came. */
  private Map<String, String> members;

  /** Events of the room that came before its list: applied on top of it, in order. */
  private final List<JsonObject> early = new ArrayList<>();

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

  /** Asks to enter {@code wanted} (not waiting for anything). */
  void join(String wanted) throws Exception {
    send(Json.createObjectBuilder().add("event", "join").add("room", wanted).build());
  }

  /** Enters a room and waits until this user is in its list of members. */
  void enter(String wanted) throws Exception {
    join(wanted);
    awaitRoom(ChatInput.room(wanted));
  }

  /** The room this user is in, as the server last said; null before the first. */
  String room() {
    return room;
  }

  /** The names in this user's room as its frames tell them so far (null: no list yet). */
  Set<String> members() {
    return members == null ? null : new TreeSet<>(members.values());
  }

  /** Waits until the server says this user is in {@code expected} and has sent its list. */
  void awaitRoom(String expected) throws Exception {
    while (!expected.equals(room) || members == null) {
      readOne();
    }
  }

  /**
   * Waits (up to 20 s) until this user is in {@code expected} and its members are exactly {@code
   * names}; other frames read meanwhile are kept for {@link #next()}.
   */
  void awaitMembers(String expectedRoom, String... names) throws Exception {
    Set<String> wanted = new TreeSet<>(List.of(names));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!expectedRoom.equals(room) || !wanted.equals(members())) {
      long left = deadline - System.nanoTime();
      WsClient.Received received = left <= 0 ? null : socket.poll(Duration.ofNanos(left));
      assertThat(received)
          .as(
              "%s in room %s with members %s, but it is in %s with %s",
              name, expectedRoom, wanted, room, members())
          .isNotNull();
      JsonObject frame = read(received);
      if (frame != null) {
        stashed.add(frame);
      }
    }
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
    if (!stashed.isEmpty()) {
      return stashed.poll();
    }
    while (true) {
      JsonObject frame = read(socket.next());
      if (frame != null) {
        return frame;
      }
    }
  }

  /** Reads one frame; a frame that is not a room frame is kept for {@link #next()}. */
  private void readOne() throws Exception {
    JsonObject frame = read(socket.next());
    if (frame != null) {
      stashed.add(frame);
    }
  }

  /**
   * A received frame as a JSON object, its mail confirmed; null for a room frame, which is applied
   * to this user's view of its room instead, and for a mail tag alone.
   */
  private JsonObject read(WsClient.Received received) throws Exception {
    assertThat(received).isInstanceOf(WsClient.Text.class);
    String text = ((WsClient.Text) received).text();
    JsonObject message;
    try (var reader = Json.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      assertThat(value.getValueType()).as(text).isEqualTo(JsonValue.ValueType.OBJECT);
      message = value.asJsonObject();
    }
    if (ROOM_EVENTS.contains(message.getString("event", ""))) {
      applyRoomFrame(message);
      return null;
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
      return null; // a tag alone: nothing for the test
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

  /** Asserts that no frame but room frames came within a short grace period. */
  void expectNothingMore() throws Exception {
    assertThat(stashed).as("frames already read").isEmpty();
    WsClient.Received received;
    while ((received = socket.poll(Duration.ofMillis(200))) != null) {
      JsonObject frame = read(received);
      assertThat(frame).as("nothing more for " + name).isNull();
    }
  }

  /** As the page does: the list replaces the view, then the events that came before it apply. */
  private void applyRoomFrame(JsonObject frame) {
    String event = frame.getString("event");
    String of = frame.getString("room");
    if (event.equals("room")) {
      room = of;
      members = null;
      early.clear();
      return;
    }
    if (!of.equals(room)) {
      return; // the list of a room left since it was asked for: the page ignores it too
    }
    if (event.equals("members")) {
      members = new TreeMap<>();
      for (JsonValue member : frame.getJsonArray("members")) {
        JsonObject entry = member.asJsonObject();
        members.put(entry.getString("id"), entry.getString("name"));
      }
      early.forEach(this::applyChange);
      early.clear();
    } else if (members == null) {
      early.add(frame);
    } else {
      applyChange(frame);
    }
  }

  private void applyChange(JsonObject change) {
    if (change.getString("event").equals("entered")) {
      members.put(change.getString("id"), change.getString("name"));
    } else {
      members.remove(change.getString("id"));
    }
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
