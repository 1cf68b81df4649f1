package org.plezi.sample;

import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * The chat at {@code /chat}: one instance per browser connection. Clients send JSON events (the
 * page uses the library's {@code PleziClient}); every reply is JSON written by {@link Replies}.
 *
 * <p>Each logged-in connection is in one room at a time: the {@link #LOBBY} after login, then any
 * room it joins by name. A room is a channel ({@code room:<name>}) that the connection subscribes
 * to and is tracked in (presence, as its identity: a user's tabs are one member), so chats reach
 * the room's members on every server and the members' list follows presence's join and leave
 * events. A server listens to a room's channel on Redis from its first member's entry on, and
 * subscribes in the background: a chat sent in that instant may not reach it. The lobby's chat is
 * therefore a broadcast on the cluster's channel, which every server listens to from start-up (as
 * the chat was before it had rooms), so a user who has just logged in gets every lobby chat;
 * connections in other rooms drop it.
 *
 * <table>
 *   <caption>client events</caption>
 *   <tr><th>client sends</th><th>what happens</th></tr>
 *   <tr><td>{@code {"event":"login","name":N}}</td><td>the connection stands for the user N (its
 *       identity): {@code {"event":"welcome","name":N}}, then it enters the lobby as {@code join}
 *       does, then every whisper that waited for N</td></tr>
 *   <tr><td>{@code {"event":"join","room":R}}</td><td>the connection leaves its room and enters R
 *       (a name as for users, compared without case): {@code {"event":"room","room":r}}, then
 *       {@code {"event":"members","room":r,"members":[{"id":I,"name":N},...]}}; from then on
 *       {@code {"event":"entered","room":r,"id":I,"name":N}} and {@code
 *       {"event":"left","room":r,"id":I}} when a user's first tab comes in and its last one
 *       goes</td></tr>
 *   <tr><td>{@code {"event":"chat","text":T}}</td><td>every member of the sender's room, the
 *       sender included, on every server, gets {@code {"event":"chat","from":N,"text":T}}</td></tr>
 *   <tr><td>{@code {"event":"whisper","to":M,"text":T}}</td><td>M gets {@code
 *       {"event":"whisper","from":N,"text":T}} now, or when M logs in again; the sender gets
 *       {@code {"event":"whispered","to":M,"text":T}}, or a 404 {@code err} if M has not logged in
 *       within {@link #NAME_LIFETIME}</td></tr>
 *   <tr><td>{@code {"event":"logout"}}</td><td>the server closes the connection (1000); whispers
 *       to N wait for N's next login</td></tr>
 * </table>
 *
 * <p>Anything else gets an {@code err} reply and the connection stays open: the library answers
 * malformed JSON (400), unknown events (404) and events only the server may call, such as {@code
 * notice} (405: only {@code login}, {@code logout}, {@code join}, {@code chat} and {@code whisper}
 * are {@code from = Caller.CLIENT}; {@code notice}, {@code chatLine}, {@code whisperLine}, {@code
 * presenceJoin} and {@code presenceLeave} keep the default, other connections only, so a bus
 * message cannot log anyone in or out); this class answers bad names, rooms and texts (400),
 * chatting, joining, whispering or logging out before logging in (401), a second login (409) and an
 * unknown whisper target (404).
 */
@AutoDispatch
@Route("/chat")
public class ChatController extends Controller {
  /** How long a name keeps its mailbox after its last connection or delivery. */
  static final Duration NAME_LIFETIME = Duration.ofDays(1);

  /** The room every connection enters when it logs in. */
  static final String LOBBY = "lobby";

  /** How many connections (browser tabs, on any server) may stand for one name at once. */
  static final int TABS_PER_NAME = 4;

  private static final System.Logger LOG = System.getLogger(ChatController.class.getName());

  /**
   * The user this connection stands for; null until login. Touched only by this connection's
   * events.
   */
  private String name;

  /** The room this connection is in (see {@link ChatInput#room}); null until login. As name. */
  private String room;

  @Event(from = Caller.CLIENT) // its own client only: the bus may not log anyone in or out
  JsonObject login(Map<String, Object> message) {
    if (name != null) {
      return Replies.error(
          409,
          "already logged in",
          "this connection is " + name + "; open another page to use another name",
          "login");
    }
    String problem = ChatInput.nameProblem("name", message.get("name"));
    if (problem != null) {
      return Replies.error(400, "bad request", problem, "login");
    }
    String wanted = (String) message.get("name");
    try {
      registerAs(ChatInput.identity(wanted), NAME_LIFETIME, TABS_PER_NAME);
    } catch (IllegalStateException e) {
      return unavailable("login", e);
    }
    name = wanted;
    // Written here rather than returned: whispers that waited for this name are handed over as
    // soon as this event ends, and the library may write those before an event's return value.
    write(Replies.welcome(wanted).toString());
    enter(LOBBY);
    return null;
  }

  @Event(from = Caller.CLIENT)
  JsonObject join(Map<String, Object> message) {
    if (name == null) {
      return notLoggedIn("join");
    }
    String problem = ChatInput.roomProblem("room", message.get("room"));
    if (problem != null) {
      return Replies.error(400, "bad request", problem, "join");
    }
    enter(ChatInput.room((String) message.get("room")));
    return null;
  }

  @Event(from = Caller.CLIENT)
  JsonObject chat(Map<String, Object> message) {
    if (name == null) {
      return notLoggedIn("chat");
    }
    String problem = ChatInput.textProblem("text", message.get("text"));
    if (problem != null) {
      return Replies.error(400, "bad request", problem, "chat");
    }
    String text = (String) message.get("text");
    if (LOBBY.equals(room)) {
      broadcast("chatLine", room, name, text); // every other connection; those in rooms drop it
    } else {
      publish(ChatInput.channel(room), "chatLine", room, name, text); // the room's other members
    }
    return Replies.chat(name, text); // and the sender's own copy
  }

  @Event(from = Caller.CLIENT)
  JsonObject whisper(Map<String, Object> message) {
    if (name == null) {
      return notLoggedIn("whisper");
    }
    String problem = ChatInput.nameProblem("to", message.get("to"));
    if (problem == null) {
      problem = ChatInput.textProblem("text", message.get("text"));
    }
    if (problem != null) {
      return Replies.error(400, "bad request", problem, "whisper");
    }
    String to = (String) message.get("to");
    String text = (String) message.get("text");
    boolean alive;
    try {
      alive = notify(ChatInput.identity(to), "whisperLine", name, text);
    } catch (IllegalStateException e) {
      return unavailable("whisper", e);
    }
    if (!alive) {
      return Replies.error(
          404,
          "no such user",
          to
              + " has not logged in during the last "
              + NAME_LIFETIME.toHours()
              + " hours, so the whisper was not kept",
          "whisper");
    }
    return Replies.whispered(to, text);
  }

  /**
   * The user leaves: the server closes this connection (1000, "logged out") after what is already
   * queued. The name keeps its mailbox, so whispers sent from now on wait for the next login. The
   * server closes rather than the page, so that nothing notified after this event can be handed to
   * a connection the browser has already closed.
   */
  @Event(from = Caller.CLIENT)
  JsonObject logout() {
    if (name == null) {
      return notLoggedIn("logout");
    }
    close(1000, "logged out");
    return null;
  }

  /**
   * A chat line from another member of {@code room}, on any server. A line of another room (a lobby
   * broadcast, or a room this connection has just left) is dropped, and so is every line before
   * login.
   */
  @Event
  JsonObject chatLine(String room, String from, String text) {
    return room.equals(this.room) ? Replies.chat(from, text) : null;
  }

  /** Presence: a user's first tab entered a room; told only for this connection's room. */
  @Event
  JsonObject presenceJoin(String channel, String member, Map<String, Object> metadata) {
    return isMyRoom(channel) ? Replies.entered(room, member, metadata) : null;
  }

  /** Presence: a user's last tab left a room (or closed). */
  @Event
  JsonObject presenceLeave(String channel, String member) {
    return isMyRoom(channel) ? Replies.left(room, member) : null;
  }

  /** A whisper from this user's mailbox: delivered now, or when the user logs in again. */
  @Event
  JsonObject whisperLine(String from, String text) {
    return Replies.whisper(from, text);
  }

  /**
   * An announcement to this connection, logged in or not: {@code NoticeServlet} multicasts it, and
   * so can any program that publishes to the cluster's channel. Clients cannot call it (405).
   */
  @Event
  JsonObject notice(String text) {
    return Replies.notice(text);
  }

  /**
   * Leaves the current room (its channel and its presence) and enters {@code next}: the client gets
   * {@code room}, then the members' list once presence answers. Written, not returned, so that
   * {@code room} comes before the list, which may be written from a Redis thread as soon as it is
   * read. Entering the room this connection is in sends both again.
   *
   * <p>The list is read after the subscription, so a member who enters or leaves meanwhile is in
   * the list or told by an event, or both; the page applies the events that came before the list on
   * top of it. (In a cluster a server's first member of a room subscribes to it on Redis in the
   * background: a member entering on another server in that instant may be in neither.)
   */
  private void enter(String next) {
    if (!next.equals(room)) {
      if (room != null) {
        untrack(ChatInput.channel(room));
        unsubscribe(ChatInput.channel(room));
      }
      subscribe(ChatInput.channel(next));
      track(ChatInput.channel(next), Map.of("name", name));
      room = next;
    }
    write(Replies.room(next).toString());
    presence(ChatInput.channel(next))
        .whenComplete(
            (members, failure) -> {
              if (failure == null) {
                write(Replies.members(next, members).toString());
              } else {
                LOG.log(Level.DEBUG, () -> "chat members of " + next + " failed: " + failure);
                write(
                    Replies.error(
                            503,
                            "unavailable",
                            "the list of who is in " + next + " cannot be read; join it again",
                            "join")
                        .toString());
              }
            });
  }

  private boolean isMyRoom(String channel) {
    return room != null && channel.equals(ChatInput.channel(room));
  }

  private static JsonObject notLoggedIn(String request) {
    return Replies.error(
        401, "not logged in", "send {\"event\":\"login\",\"name\":...} first", request);
  }

  private static JsonObject unavailable(String request, IllegalStateException e) {
    // The library logs an outage once (start and end); one line per failed request is DEBUG.
    LOG.log(Level.DEBUG, () -> "chat " + request + " failed: " + e.getMessage());
    return Replies.error(
        503, "unavailable", "the chat's store cannot be reached; try again", request);
  }
}
