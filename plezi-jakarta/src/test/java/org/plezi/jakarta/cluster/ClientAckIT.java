package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.testing.FreezingProxy;
import org.plezi.jakarta.testing.MailClient;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Client-confirmed mailboxes (#18) on two servers sharing a real Redis: the client's path is reset,
 * closed, or frozen while mail is being delivered, or its server is SIGKILLed, and it logs in again
 * on the other server; every message reaches the handler once, in order.
 */
@Timeout(300)
class ClientAckIT {
  private static final String CHANNEL = "plezi_client_ack_it";
  private static final int MESSAGES = 120;

  private static RedisServer redis;
  private static TestServer a;
  private static TestServer b;

  @BeforeAll
  static void startCluster() throws Exception {
    redis = RedisServer.start();
    Map<String, String> params =
        Map.of(
            "plezi.redis.url",
            redis.url(),
            "plezi.channel",
            CHANNEL,
            "plezi.ping.intervalMillis",
            "300",
            "plezi.ping.timeoutMillis",
            "700");
    a = TestServer.start(params, AckedChat.class);
    b = TestServer.start(params, AckedChat.class);
    RedisClusterIT.awaitConnected(a);
    RedisClusterIT.awaitConnected(b);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    a.close();
    b.close();
    redis.close();
  }

  private enum Loss {
    RESET,
    CLOSE,
    FREEZE
  }

  @Test
  void aResetPathLosesNothingAndRepeatsNothing() throws Exception {
    lossMidDelivery(Loss.RESET, "reset-user");
  }

  @Test
  void aPathClosedWithoutACloseFrameLosesNothingAndRepeatsNothing() throws Exception {
    lossMidDelivery(Loss.CLOSE, "closed-user");
  }

  @Test
  void aFrozenPathLosesNothingAndRepeatsNothing() throws Exception {
    lossMidDelivery(Loss.FREEZE, "frozen-user");
  }

  private void lossMidDelivery(Loss loss, String name) throws Exception {
    Messenger fromB = Plezi.messenger(b.servletContext());
    MailClient client = new MailClient();
    try (FreezingProxy proxy = FreezingProxy.to(a.port())) {
      client.connect(URI.create("ws://127.0.0.1:" + proxy.port() + "/acked/" + name));
      Thread sender =
          new Thread(
              () -> {
                for (int i = 1; i <= MESSAGES; i++) {
                  fromB.notify(name, "mail", "m" + i);
                  if (i % 10 == 0) {
                    sleep(20);
                  }
                }
              });
      sender.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> client.handled.size() >= 30);
      switch (loss) {
        case RESET -> proxy.reset();
        case CLOSE -> proxy.cut();
        case FREEZE -> proxy.freeze();
      }
      sender.join(60_000);
      // The same page logs in again, on the other server.
      client.connect(b.ws("/acked/" + name));
      await().atMost(Duration.ofSeconds(60)).until(() -> client.handled.size() >= MESSAGES);
      Thread.sleep(300); // room for a late repeat to show
      assertThat(client.handled).isEqualTo(expected(MESSAGES));
    } finally {
      client.close();
    }
    System.out.println("ClientAckIT " + loss + ": repeats dropped by the client " + client.repeats);
    // Everything was confirmed: the mailbox empties (the last confirmation may still be on its
    // way through the closed connection's inbox).
    await().atMost(Duration.ofSeconds(10)).until(() -> waitingInRedis(name) == 0);
  }

  @Test
  void aSigkilledServerLosesNoUnconfirmedMail() throws Exception {
    String name = "dan";
    Messenger fromA = Plezi.messenger(a.servletContext());
    MailClient client = new MailClient();
    try (ClusterNode.Running node = ClusterNode.launch(redis.url(), CHANNEL)) {
      client.connect(URI.create("ws://127.0.0.1:" + node.port() + "/acked/" + name));
      Thread sender =
          new Thread(
              () -> {
                for (int i = 1; i <= MESSAGES; i++) {
                  fromA.notify(name, "mail", "m" + i);
                  if (i % 10 == 0) {
                    sleep(20);
                  }
                }
              });
      sender.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> client.handled.size() >= 20);
      node.kill(); // SIGKILL: mail handed to the node and not confirmed must not be lost
      sender.join(60_000);
      client.connect(a.ws("/acked/" + name));
      await().atMost(Duration.ofSeconds(60)).until(() -> client.handled.size() >= MESSAGES);
      Thread.sleep(300);
      assertThat(client.handled).isEqualTo(expected(MESSAGES));
    } finally {
      client.close();
    }
    System.out.println("ClientAckIT SIGKILL: repeats dropped by the client " + client.repeats);
  }

  @Test
  void unconfirmedMailIsHandedAgainAndBadConfirmationsAreRefused() throws Exception {
    Messenger fromA = Plezi.messenger(a.servletContext());
    try (WsClient silent = WsClient.connect(a.ws("/acked/quiet"))) {
      assertThat(silent.nextText()).isEqualTo("{\"event\":\"in\"}");
      assertThat(fromA.notify("quiet", "mail", "one")).isTrue();
      assertThat(silent.nextText())
          .isEqualTo(
              "{\"_mail_\":{\"identity\":\"quiet\",\"seq\":1},\"event\":\"mail\",\"text\":\"one\"}");
      silent.send("{\"event\":\"_mack_\",\"m\":[]}");
      assertThat(silent.nextText()).contains("\"status\":400").contains("[identity, seq] pairs");
      silent.send("{\"event\":\"_mack_\",\"m\":[[\"quiet\",-1]]}");
      assertThat(silent.nextText()).contains("\"status\":400");
      silent.send("{\"event\":\"_mack_\",\"m\":[[\"quiet\",\"1\"]]}");
      assertThat(silent.nextText()).contains("\"status\":400");
      silent.send(
          "{\"event\":\"_mack_\",\"m\":["
              + String.join(",", java.util.Collections.nCopies(33, "[\"quiet\",1]"))
              + "]}");
      assertThat(silent.nextText()).contains("\"status\":400");
      silent.send("{\"event\":\"_mack_\",\"m\":[[\"quiet\",5]]}"); // never handed: ignored
      silent.expectNothingMore();
      assertThat(silent.session().isOpen()).isTrue();
    }
    // Not confirmed: the next login (on the other server) gets it again.
    try (WsClient again = WsClient.connect(b.ws("/acked/quiet"))) {
      assertThat(again.nextText()).isEqualTo("{\"event\":\"in\"}");
      assertThat(again.nextText()).contains("\"seq\":1").contains("\"text\":\"one\"");
      again.send("{\"event\":\"_mack_\",\"m\":[[\"quiet\",1]]}");
      await().atMost(Duration.ofSeconds(10)).until(() -> waitingInRedis("quiet") == 0);
    }
    try (WsClient third = WsClient.connect(a.ws("/acked/quiet"))) {
      assertThat(third.nextText()).isEqualTo("{\"event\":\"in\"}");
      third.expectNothingMore();
    }
  }

  /** Messages waiting in the identity's mailbox in Redis (ZCARD answers ":n"). */
  private static long waitingInRedis(String identity) throws Exception {
    String reply = redis.call("ZCARD", CHANNEL + ":identity:{" + identity + "}:box");
    return Long.parseLong(reply.substring(1).trim());
  }

  private static List<String> expected(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "m" + i).toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
