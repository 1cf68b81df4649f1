package org.plezi.jakarta.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Java client of client-confirmed mailboxes (#18) that does what the JavaScript client does: it
 * runs its "handler" (records the text) once per identity and seq, then confirms. Its handled list
 * and dedupe state outlive its connections, as a page's do across reconnects.
 */
public final class MailClient {
  /** What the handler saw, in order. */
  public final List<String> handled = new CopyOnWriteArrayList<>();

  /** Tagged messages that arrived again and were not handed to the handler. */
  public volatile int repeats;

  private final Map<String, Long> lastSeq = new HashMap<>();
  private volatile WsClient socket;
  private volatile Thread reader;

  /** Connects (replacing the previous connection, if any) and reads in the background. */
  public synchronized void connect(URI uri) throws Exception {
    WsClient client = WsClient.connect(uri);
    assertIn(client.nextText());
    socket = client;
    Thread thread = new Thread(() -> read(client), "mail-client");
    thread.setDaemon(true);
    reader = thread;
    thread.start();
  }

  private static void assertIn(String first) {
    if (!first.equals("{\"event\":\"in\"}")) {
      throw new IllegalStateException("expected the login answer, got " + first);
    }
  }

  private void read(WsClient client) {
    try {
      while (true) {
        WsClient.Received received;
        try {
          received = client.next();
        } catch (AssertionError quiet) { // nothing for a while
          if (client.session() == null || !client.session().isOpen()) {
            return;
          }
          continue;
        }
        if (received == null || received instanceof WsClient.Closed) {
          return;
        }
        if (received instanceof WsClient.Text text) {
          receive(client, text.text());
        }
      }
    } catch (Exception e) {
      // the connection ended
    }
  }

  private synchronized void receive(WsClient client, String text) throws Exception {
    JsonObject message = Json.createReader(new StringReader(text)).readObject();
    JsonValue tag = message.get("_mail_");
    if (tag == null) {
      return;
    }
    JsonObject mail = tag.asJsonObject();
    String identity = mail.getString("identity");
    long seq = mail.getJsonNumber("seq").longValueExact();
    Long seen = lastSeq.get(identity);
    if (seen != null && seq <= seen) {
      repeats++;
    } else {
      if (!"_mail_".equals(message.getString("event"))) {
        handled.add(message.getString("text"));
      }
      lastSeq.put(identity, seq);
    }
    String confirm =
        Json.createObjectBuilder()
            .add("event", "_mack_")
            .add(
                "m",
                Json.createArrayBuilder().add(Json.createArrayBuilder().add(identity).add(seq)))
            .build()
            .toString();
    if (client == socket) {
      client.send(confirm);
    }
  }

  /** Whether the current connection is open (false before the first connect). */
  public boolean isOpen() {
    WsClient client = socket;
    return client != null && client.session() != null && client.session().isOpen();
  }

  public void close() throws Exception {
    WsClient client = socket;
    if (client != null) {
      client.close();
    }
  }
}
