package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Identity mailboxes in Redis, shared by the servers of a cluster. */
@Timeout(180)
class RedisIdentityIT {
  private static final String CHANNEL = "plezi_identity_it";

  private static RedisServer redis;
  private static TestServer a;
  private static TestServer b;

  @BeforeAll
  static void startCluster() throws Exception {
    redis = RedisServer.start();
    Map<String, String> params = Map.of("plezi.redis.url", redis.url(), "plezi.channel", CHANNEL);
    a = TestServer.start(params, ClusterChat.class, ClusterOther.class);
    b = TestServer.start(params, ClusterChat.class, ClusterOther.class);
    RedisClusterIT.awaitConnected(a);
    RedisClusterIT.awaitConnected(b);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    a.close();
    b.close();
    redis.close();
  }

  private static WsClient login(URI uri, String identity) throws Exception {
    WsClient client = WsClient.connect(uri);
    assertThat(client.nextText()).startsWith("uuid ");
    client.send("login:" + identity);
    client.expectText("logged in as " + identity);
    return client;
  }

  @Test
  void registeredOnOneServerNotifiedFromAnotherAndFromAMessenger() throws Exception {
    try (WsClient ada = login(a.ws("/chat"), "ada");
        WsClient bob = login(b.ws("/chat"), "bob")) {
      bob.send("notify:ada:from bob on B");
      bob.expectText("notified true");
      ada.expectText("mail from bob on B");
      assertThat(Plezi.messenger(b.servletContext()).notify("ada", "mail", "from B's messenger"))
          .isTrue();
      ada.expectText("mail from B's messenger");
      assertThat(Plezi.messenger(b.servletContext()).notify("nobody", "mail", "x")).isFalse();
    }
  }

  @Test
  void aBacklogLeftThroughOneServerIsDeliveredInOrderOnAnother() throws Exception {
    WsClient first = login(a.ws("/chat"), "cleo");
    first.close();
    Messenger fromB = Plezi.messenger(b.servletContext());
    // A may still hand a note or two to the closing connection: at least once, so the backlog
    // on B can repeat a number, never skip or reorder one.
    for (int i = 1; i <= 50; i++) {
      assertThat(fromB.notify("cleo", "mail", "note " + i)).isTrue();
    }
    try (WsClient again = login(b.ws("/chat"), "cleo")) {
      int next = 1;
      while (next <= 50) {
        String text = again.nextText();
        assertThat(text).startsWith("mail note ");
        int number = Integer.parseInt(text.substring("mail note ".length()));
        assertThat(number).isGreaterThanOrEqualTo(next - 1).isLessThanOrEqualTo(next);
        next = number + 1;
      }
    }
  }

  @Test
  void messagesPendingForAServerKilledWithSigkillReachTheIdentityOnTheOtherServer()
      throws Exception {
    try (ClusterNode.Running node = ClusterNode.launch(redis.url(), CHANNEL)) {
      int port = node.port();
      Messenger fromA = Plezi.messenger(a.servletContext());
      WsClient onNode = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/chat"));
      String nodeUuid = onNode.nextText().substring("uuid ".length());
      // the node joins Redis in the background; a unicast answers true once it has
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  fromA
                      .unicast(nodeUuid, "say", "ping")
                      .toCompletableFuture()
                      .get(10, TimeUnit.SECONDS));
      onNode.expectText("say ping");
      onNode.send("login:dan");
      onNode.expectText("logged in as dan");
      fromA.notify("dan", "mail", "before the kill");
      onNode.expectText("mail before the kill");
      node.kill(); // SIGKILL: no shutdown, no unregistration
      for (int i = 1; i <= 20; i++) {
        assertThat(fromA.notify("dan", "mail", "pending " + i)).isTrue();
      }
      try (WsClient back = login(a.ws("/chat"), "dan")) {
        String first = back.nextText();
        if (first.equals("mail before the kill")) {
          first = back.nextText(); // at least once: the node died before confirming it
        }
        assertThat(first).isEqualTo("mail pending 1");
        for (int i = 2; i <= 20; i++) {
          back.expectText("mail pending " + i);
        }
        back.expectNothingMore();
      }
    }
  }
}
