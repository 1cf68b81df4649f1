package org.plezi.sample;

import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * The chat at {@code /chat}: one instance per browser connection. Clients send JSON events (the
 * page uses the library's {@code PleziClient}); every reply is JSON written by {@link Replies}.
 *
 * <table>
 *   <caption>client events</caption>
 *   <tr><th>client sends</th><th>what happens</th></tr>
 *   <tr><td>{@code {"event":"login","name":N}}</td><td>the connection stands for the user N (its
 *       identity): {@code {"event":"welcome","name":N}}, then every whisper that waited for N</td></tr>
 *   <tr><td>{@code {"event":"chat","text":T}}</td><td>every logged-in user, the sender included, on
 *       every server, gets {@code {"event":"chat","from":N,"text":T}}</td></tr>
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
 * notice} (405); this class answers bad names and texts (400), chatting, whispering or logging out
 * before logging in (401), a second login (409) and an unknown whisper target (404).
 */
@AutoDispatch
@Route("/chat")
public class ChatController extends Controller {
  /** How long a name keeps its mailbox after its last connection or delivery. */
  static final Duration NAME_LIFETIME = Duration.ofDays(1);

  /** How many connections (browser tabs, on any server) may stand for one name at once. */
  static final int TABS_PER_NAME = 4;

  private static final System.Logger LOG = System.getLogger(ChatController.class.getName());

  /**
   * The user this connection stands for; null until login. Touched only by this connection's
   * events.
   */
  private String name;

  @Event
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
    return null;
  }

  @Event
  JsonObject chat(Map<String, Object> message) {
    if (name == null) {
      return notLoggedIn("chat");
    }
    String problem = ChatInput.textProblem("text", message.get("text"));
    if (problem != null) {
      return Replies.error(400, "bad request", problem, "chat");
    }
    String text = (String) message.get("text");
    broadcast("chatLine", name, text); // every other connection of this class, on every server
    return Replies.chat(name, text); // and the sender's own copy
  }

  @Event
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
  @Event
  JsonObject logout() {
    if (name == null) {
      return notLoggedIn("logout");
    }
    close(1000, "logged out");
    return null;
  }

  /** A chat line from another connection; users still on the login form do not see the room. */
  @Event
  JsonObject chatLine(String from, String text) {
    return name == null ? null : Replies.chat(from, text);
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

  private static JsonObject notLoggedIn(String request) {
    return Replies.error(
        401, "not logged in", "send {\"event\":\"login\",\"name\":...} first", request);
  }

  private static JsonObject unavailable(String request, IllegalStateException e) {
    LOG.log(Level.WARNING, "chat " + request + " failed: " + e.getMessage());
    return Replies.error(
        503, "unavailable", "the chat's store cannot be reached; try again", request);
  }
}
