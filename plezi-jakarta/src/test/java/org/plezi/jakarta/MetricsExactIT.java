package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * The counts no other test pins down, exactly, on one real Tomcat with real clients: an inbox
 * overflow, events dispatched, failed and rejected from both sides, failed unicasts of every kind,
 * mailbox appends, deliveries, drops and misses, and closes by code.
 */
@Timeout(120)
class MetricsExactIT {
  /** Its event blocks until the test releases it; says when it started. */
  @Route("/slow")
  public static class Slow extends Controller {
    static final CountDownLatch STARTED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Override
    protected void onMessage(String text) {}

    @Event
    void work(int n) throws InterruptedException {
      STARTED.countDown();
      RELEASE.await(60, TimeUnit.SECONDS);
    }
  }

  /** Auto-dispatch events reachable from the client, the server side, or one of them. */
  @AutoDispatch
  @Route("/events")
  public static class Events extends Controller {
    @Event(from = {Caller.CLIENT, Caller.SERVER})
    String ok() {
      return "ok";
    }

    @Event(from = {Caller.CLIENT, Caller.SERVER})
    void fail() {
      throw new IllegalStateException("fails on purpose (MetricsExactIT)");
    }

    /** Server side only (the default). */
    @Event
    void serverOnly() {
      write("server only");
    }

    @Event(from = Caller.CLIENT)
    void clientOnly() {
      write("client only");
    }

    @Event
    void count(int n) {
      write("count " + n);
    }
  }

  /** Identity mailboxes, and unicasts from a controller: "login:name", "unicast:uuid". */
  @Route("/user")
  public static class User extends Controller {
    @Override
    protected void onOpen() {
      write("uuid " + uuid());
    }

    @Override
    protected void onMessage(String command) {
      String[] part = command.split(":", 2);
      switch (part[0]) {
        case "login" -> {
          registerAs(part[1]);
          write("logged in as " + part[1]);
        }
        case "unicast" -> {
          unicast(part[1], "mail", "lost");
          write("sent");
        }
        default -> write("unknown command");
      }
    }

    @Event
    void mail(String text) {
      write("mail " + text);
    }

    @FailedUnicast
    static void failed(String target, String event, List<Object> args) {
      Journal.record("failed " + target);
    }
  }

  /**
   * Closes as its client asks ("close:code"), fails its onOpen with {@code ?fail}, takes no binary
   * frames (1003).
   */
  @Route("/close")
  public static class Closer extends Controller {
    @Override
    protected void onOpen() {
      if (params().containsKey("fail")) {
        throw new IllegalStateException("onOpen fails on purpose (MetricsExactIT)");
      }
      write("open");
    }

    @Override
    protected void onMessage(String command) {
      if (command.startsWith("close:")) {
        close(Integer.parseInt(command.substring("close:".length())), "asked");
      } else {
        write("echo " + command);
      }
    }
  }

  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of(
                "plezi.inbox.maxMessages", "16",
                "plezi.mailbox.maxMessages", "2",
                "plezi.inbound.messagesPerSecond", "20",
                "plezi.inbound.burst", "40"),
            Slow.class,
            Events.class,
            User.class,
            Closer.class);
  }

  @AfterAll
  static void stop() {
    Slow.RELEASE.countDown();
    server.close();
  }

  private static PleziMetrics metrics() {
    return Plezi.metrics(server.servletContext());
  }

  private static PleziMetrics.Route route(String path) {
    return metrics().routes().get(path);
  }

  private static void awaitUntil(BooleanSupplier condition) {
    await().atMost(Duration.ofSeconds(30)).until(condition::getAsBoolean);
  }

  private static Messenger messenger() {
    return Plezi.messenger(server.servletContext());
  }

  @Test
  void anInboxOverflowClosesOnceAndEveryEventIsAccountedFor() throws Exception {
    WsClient slow = WsClient.connect(server.ws("/slow"));
    awaitUntil(() -> route("/slow").connections() == 1);
    messenger().broadcast(Slow.class, "work", 0);
    assertThat(Slow.STARTED.await(30, TimeUnit.SECONDS)).isTrue();
    // The first event holds the inbox's thread: 16 more wait, the 17th overflows and closes.
    for (int n = 1; n < 100; n++) {
      messenger().broadcast(Slow.class, "work", n);
    }
    // While the connection is still counted open, it was still in the registry, so every broadcast
    // above reached its inbox: accepted, refused (full), or refused (closing). Under load the close
    // may have finished during the loop; later broadcasts then skipped it.
    boolean everyOfferReachedIt = route("/slow").connections() == 1;
    assertThat(slow.awaitClose().code()).isEqualTo(CloseCodes.INBOX_OVERFLOW);
    // The running event holds the controller's lock, which the close waits for: release it. The
    // 16 waiting events then run, or find the connection closed (dropped, "closed").
    Slow.RELEASE.countDown();
    awaitUntil(() -> route("/slow").connections() == 0);
    // Every event ran, was refused or was skipped: exactly 100 when every broadcast reached it.
    awaitUntil(() -> accounted(route("/slow")) >= (everyOfferReachedIt ? 100 : 17));
    PleziMetrics.Route r = route("/slow");
    assertThat(r.queues().inboxOverflows()).isEqualTo(1);
    assertThat(r.closes()).isEqualTo(Map.of("4002", 1L));
    assertThat(r.events().failed().get("server")).isZero();
    assertThat(r.traffic().dropped().get("inbox_overflow")).isPositive();
    if (everyOfferReachedIt) {
      assertThat(accounted(r)).isEqualTo(100);
    } else {
      assertThat(accounted(r)).isLessThanOrEqualTo(100);
    }
    assertThat(r.traffic().dropped().get("outbound_overflow")).isZero();
    assertThat(r.queues().inboxQueued()).isZero();
    slow.close();
  }

  /** Events that ran, were refused by the full inbox, or were skipped because it closed. */
  private static long accounted(PleziMetrics.Route r) {
    return r.events().dispatched().get("server")
        + r.traffic().dropped().get("inbox_overflow")
        + r.traffic().dropped().get("closed");
  }

  @Test
  void eventsAreCountedDispatchedFailedAndRejectedFromBothSides() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/events"))) {
      awaitUntil(() -> route("/events").connections() == 1);
      for (int i = 0; i < 3; i++) {
        client.send("{\"event\":\"ok\"}");
        client.expectText("ok");
      }
      for (int i = 0; i < 2; i++) {
        client.send("{\"event\":\"fail\"}");
        assertThat(client.nextText()).contains("\"status\":500");
      }
      client.send("{\"event\":\"serverOnly\"}");
      assertThat(client.nextText()).contains("\"status\":405");
      client.send("{\"event\":\"nope\"}");
      assertThat(client.nextText()).contains("\"status\":404");
      client.send("not json");
      assertThat(client.nextText()).contains("\"status\":400");
      client.send("{\"event\":\"clientOnly\"}");
      client.expectText("client only");

      Messenger messenger = messenger();
      messenger.broadcast(Events.class, "ok");
      messenger.broadcast(Events.class, "ok");
      messenger.broadcast(Events.class, "fail");
      messenger.broadcast(Events.class, "clientOnly"); // dropped: its client's only
      messenger.broadcast(Events.class, "missing"); // no such method
      messenger.broadcast(Events.class, "count", "not a number");
      messenger.broadcast(Events.class, "serverOnly");
      client.expectText("ok");
      client.expectText("ok");
      client.expectText("server only"); // the inbox runs in order: every event before it ran

      awaitUntil(() -> route("/events").events().dispatched().get("server") == 4);
      PleziMetrics.Events events = route("/events").events();
      assertThat(events.dispatched()).isEqualTo(Map.of("client", 6L, "server", 4L));
      assertThat(events.failed()).isEqualTo(Map.of("client", 2L, "server", 1L));
      assertThat(events.rejected())
          .containsEntry("bad_request", 1L)
          .containsEntry("not_found", 1L)
          .containsEntry("not_callable", 2L)
          .containsEntry("no_method", 1L)
          .containsEntry("bad_arguments", 1L)
          .hasSize(5);
      PleziMetrics.Traffic traffic = route("/events").traffic();
      assertThat(traffic.messagesIn()).isEqualTo(9);
      assertThat(traffic.dropped().values()).containsOnly(0L);
    }
  }

  @Test
  void unicastsWhoseTargetIsGoneAreCountedOnceEach() throws Exception {
    long before = metrics().unicastsFailed();
    String gone;
    try (WsClient leaving = WsClient.connect(server.ws("/user"))) {
      gone = leaving.nextText().substring("uuid ".length());
    }
    awaitUntil(() -> route("/user").connections() == 0);
    String otherServer = "00000000-0000-0000-0000-000000000000" + "1";
    Messenger messenger = messenger();
    assertThat(messenger.unicast(gone, "mail", "x").toCompletableFuture().get(20, TimeUnit.SECONDS))
        .isFalse();
    assertThat(
            messenger.unicast("short", "mail", "x").toCompletableFuture().get(20, TimeUnit.SECONDS))
        .isFalse();
    assertThat(
            messenger
                .unicast(otherServer, "mail", "x")
                .toCompletableFuture()
                .get(20, TimeUnit.SECONDS))
        .isFalse();
    try (WsClient sender = WsClient.connect(server.ws("/user"))) {
      sender.nextText();
      sender.send("unicast:" + gone);
      sender.expectText("sent");
      assertThat(Journal.awaitEntry("failed ")).isEqualTo("failed " + gone);
    }
    assertThat(metrics().unicastsFailed() - before).isEqualTo(4);
  }

  @Test
  void mailboxAppendsDeliveriesDropsAndMissesAreCountedExactly() throws Exception {
    PleziMetrics.Mailboxes before = metrics().mailboxes();
    Messenger messenger = messenger();
    try (WsClient first = WsClient.connect(server.ws("/user"))) {
      first.nextText();
      first.send("login:ann");
      first.expectText("logged in as ann");
      assertThat(messenger.notify("ann", "mail", "1")).isTrue();
      first.expectText("mail 1");
      awaitUntil(() -> metrics().mailboxes().deliveries() - before.deliveries() == 1);
    }
    awaitUntil(() -> route("/user").connections() == 0);
    // ann is alive with no connection: her mailbox keeps the newest 2 of 3.
    for (String text : List.of("2", "3", "4")) {
      assertThat(messenger.notify("ann", "mail", text)).isTrue();
    }
    assertThat(messenger.notify("nobody", "mail", "lost")).isFalse();
    try (WsClient second = WsClient.connect(server.ws("/user"))) {
      second.nextText();
      second.send("login:ann");
      second.expectText("logged in as ann");
      second.expectText("mail 3");
      second.expectText("mail 4");
      awaitUntil(() -> metrics().mailboxes().deliveries() - before.deliveries() == 3);
    }
    PleziMetrics.Mailboxes after = metrics().mailboxes();
    assertThat(after.appends() - before.appends()).isEqualTo(4);
    assertThat(after.deliveries() - before.deliveries()).isEqualTo(3);
    assertThat(after.drops() - before.drops()).isEqualTo(1);
    assertThat(after.misses() - before.misses()).isEqualTo(1);
  }

  @Test
  void closesAreCountedByCode() throws Exception {
    try (WsClient normal = WsClient.connect(server.ws("/close"))) {
      normal.expectText("open");
    }
    try (WsClient failing = WsClient.connect(server.ws("/close?fail=1"))) {
      assertThat(failing.awaitClose().code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
    }
    try (WsClient asking = WsClient.connect(server.ws("/close"))) {
      asking.expectText("open");
      asking.send("close:4100");
      assertThat(asking.awaitClose().code()).isEqualTo(4100);
    }
    try (WsClient binary = WsClient.connect(server.ws("/close"))) {
      binary.expectText("open");
      binary.send(new byte[] {1, 2, 3});
      assertThat(binary.awaitClose().code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }
    try (WsClient flooding = WsClient.connect(server.ws("/close"))) {
      flooding.expectText("open");
      try {
        for (int i = 0; i < 200 && flooding.session().isOpen(); i++) {
          flooding.send("x");
        }
      } catch (java.io.IOException e) {
        // the server closed while a send was under way: the close comes next
      }
      assertThat(flooding.awaitClose().code()).isEqualTo(CloseCodes.RATE_LIMITED);
    }
    awaitUntil(() -> route("/close").connections() == 0);
    assertThat(route("/close").closes())
        .isEqualTo(Map.of("1000", 1L, "1003", 1L, "1011", 1L, "4008", 1L, "4100", 1L));
    assertThat(route("/close").opened()).isEqualTo(5);
  }
}
