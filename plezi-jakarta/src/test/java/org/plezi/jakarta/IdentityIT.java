package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Identity mailboxes on one server (the in-memory store). */
@Timeout(120)
class IdentityIT {
  /** "login:name[:lifetimeMillis[:maxConnections]]" registers; mail events go to the client. */
  @Route("/user")
  public static class User extends Controller {
    @Override
    protected void onMessage(String command) {
      String[] part = command.split(":");
      switch (part[0]) {
        case "login" -> {
          if (part.length == 2) {
            registerAs(part[1]);
          } else {
            registerAs(
                part[1],
                Duration.ofMillis(Long.parseLong(part[2])),
                part.length > 3 ? Integer.parseInt(part[3]) : 1);
          }
          write("logged in as " + part[1] + " " + uuid());
        }
        case "notify" -> write("notified " + notify(part[1], "mail", part[2]));
        case "bad" -> {
          try {
            registerAs(part[1], Duration.ofMillis(Long.parseLong(part[2])), 1);
          } catch (IllegalArgumentException e) {
            write("refused: " + e.getMessage());
          }
        }
        default -> write("unknown command");
      }
    }

    @Event
    void mail(String text) {
      write("mail " + text);
    }
  }

  private static TestServer server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TestServer.start(User.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  private final java.util.Map<WsClient, String> uuids = new java.util.HashMap<>();

  private WsClient login(String command) throws Exception {
    WsClient client = WsClient.connect(server.ws("/user"));
    clients.add(client);
    client.send("login:" + command);
    String answer = client.nextText();
    assertThat(answer).startsWith("logged in as " + command.split(":")[0] + " ");
    uuids.put(client, answer.substring(answer.lastIndexOf(' ') + 1));
    return client;
  }

  /** Closes a client and waits until the server has seen it go. */
  private void leave(WsClient client) throws Exception {
    client.close();
    String uuid = uuids.get(client);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !messenger().unicast(uuid, "ping").toCompletableFuture().get());
  }

  private static Messenger messenger() {
    return Plezi.messenger(server.servletContext());
  }

  @Test
  void anOnlineIdentityGetsItsMessagesAtOnce() throws Exception {
    WsClient ada = login("ada");
    WsClient sender = login("bob");
    sender.send("notify:ada:hello");
    sender.expectText("notified true");
    ada.expectText("mail hello");
    assertThat(messenger().notify("ada", "mail", "from a servlet")).isTrue();
    ada.expectText("mail from a servlet");
  }

  @Test
  void anOfflineIdentityGetsItsBacklogInOrderOnItsNextRegistration() throws Exception {
    leave(login("cleo"));
    for (int i = 1; i <= 3; i++) {
      assertThat(messenger().notify("cleo", "mail", "while away " + i)).isTrue();
    }
    WsClient again = login("cleo");
    again.expectText("mail while away 1");
    again.expectText("mail while away 2");
    again.expectText("mail while away 3");
    assertThat(messenger().notify("cleo", "mail", "live")).isTrue();
    again.expectText("mail live");
    again.expectNothingMore();
  }

  @Test
  void unknownAndExpiredIdentitiesAreNotAlive() throws Exception {
    assertThat(messenger().notify("nobody", "mail", "x")).isFalse();
    leave(login("brief:600"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !messenger().notify("brief", "mail", "too late?"));
    WsClient back = login("brief");
    back.expectNothingMore(); // the expired mailbox went with the identity
  }

  @Test
  void theNewestConnectionsKeepTheIdentityBeyondMaxConnections() throws Exception {
    WsClient oldest = login("dan:60000:1");
    WsClient newest = login("dan:60000:1");
    messenger().notify("dan", "mail", "one");
    newest.expectText("mail one");
    oldest.expectNothingMore();

    WsClient a = login("eve:60000:2");
    WsClient b = login("eve:60000:2");
    messenger().notify("eve", "mail", "both");
    a.expectText("mail both");
    b.expectText("mail both");
    assertThat(oldest.session().isOpen()).isTrue(); // it lost the identity, not its connection
  }

  @Test
  void oneConnectionMayHoldSeveralIdentities() throws Exception {
    WsClient client = WsClient.connect(server.ws("/user"));
    clients.add(client);
    client.send("login:42-long:1814400000");
    assertThat(client.nextText()).startsWith("logged in as 42-long ");
    client.send("login:42-short:3600000");
    assertThat(client.nextText()).startsWith("logged in as 42-short ");
    messenger().notify("42-long", "mail", "long");
    client.expectText("mail long");
    messenger().notify("42-short", "mail", "short");
    client.expectText("mail short");
  }

  @Test
  void tenThousandPendingMessagesArriveInOrderOnReconnect() throws Exception {
    leave(login("fay"));
    for (int i = 0; i < 10_000; i++) {
      assertThat(messenger().notify("fay", "mail", Integer.toString(i))).isTrue();
    }
    WsClient back = login("fay");
    for (int i = 0; i < 10_000; i++) {
      back.expectText("mail " + i);
    }
    back.expectNothingMore();
  }

  @Test
  void badIdentitiesAndLifetimesAreRefused() throws Exception {
    assertThatThrownBy(() -> messenger().notify("", "mail", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> messenger().notify("x".repeat(257), "mail", "x"))
        .hasMessageContaining("1 to 256 characters");
    assertThatThrownBy(() -> messenger().notify("tab\there", "mail", "x"))
        .hasMessageContaining("without control characters");
    WsClient client = WsClient.connect(server.ws("/user"));
    clients.add(client);
    client.send("bad:gil:10");
    client.expectText("refused: an identity lives at least 500 ms, not 10");
  }
}
