package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.internal.runtime.PleziRuntime;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Multicast, broadcast, unicast and the Messenger between real connections. */
@Timeout(60)
class MessagingIT {
  enum Colour {
    RED,
    GREEN
  }

  /** Client text "op:arg..." makes this connection send; events are echoed to the client. */
  @Route("/a")
  public static class ChatA extends Controller {
    @Override
    protected void onOpen() {
      write("uuid " + uuid());
    }

    @Override
    protected void onMessage(String command) {
      String[] part = command.split(":", 3);
      switch (part[0]) {
        case "multicast" -> multicast("say", part[1]);
        case "broadcast" -> broadcast("say", part[1]);
        case "broadcastB" -> broadcast(ChatB.class, "say", part[1]);
        case "unicast" -> unicast(part[1], "say", part[2]);
        default -> write("unknown command " + command);
      }
    }

    @Event
    public void say(String text) {
      write("A got " + text);
    }

    @Event("typed")
    void typed(
        int i,
        long l,
        double d,
        List<Integer> numbers,
        Map<String, Object> options,
        Set<String> tags,
        Instant at,
        Colour colour) {
      write(
          "typed "
              + i
              + " "
              + l
              + " "
              + d
              + " "
              + numbers
              + " "
              + options
              + " "
              + new java.util.TreeSet<>(tags)
              + " "
              + at
              + " "
              + colour);
    }

    /** Public, but not an event: unreachable from messages. */
    public void secret(String text) {
      write("secret reached " + text);
    }

    @Override
    protected void onBroadcast(Object message) {
      write("raw " + message);
    }

    @FailedUnicast
    static void failed(String target, String event, List<Object> args) {
      Journal.record("failed " + target + " " + event + " " + args);
    }
  }

  @Route("/b")
  public static class ChatB extends Controller {
    @Override
    protected void onOpen() {
      write("uuid " + uuid());
    }

    @Override
    protected void onMessage(String text) {}

    @Event
    public void say(String text) {
      write(getClass().getSimpleName() + " got " + text);
    }
  }

  @Route("/b-child")
  public static class ChatBChild extends ChatB {}

  /** Its onOpen says it started, then waits until the test lets it finish. */
  @Route("/slow-open")
  public static class SlowOpen extends Controller {
    static final BlockingQueue<String> PROCEED = new LinkedBlockingQueue<>();

    @Override
    protected void onOpen() {
      Journal.record("onOpen started " + uuid());
      try {
        write(
            PROCEED.poll(20, TimeUnit.SECONDS) == null
                ? "onOpen never told to go on"
                : "onOpen done");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    protected void onMessage(String text) {}

    @Event
    public void say(String text) {
      write("got " + text);
    }
  }

  private static TestServer server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TestServer.start(ChatA.class, ChatB.class, ChatBChild.class, SlowOpen.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clear() {
    Journal.clear();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  private WsClient open(String path) throws Exception {
    WsClient client = WsClient.connect(server.ws(path));
    clients.add(client);
    assertThat(client.nextText()).startsWith("uuid ");
    return client;
  }

  private static String uuidOf(WsClient client, String greeting) {
    return greeting.substring("uuid ".length());
  }

  private static Messenger messenger() {
    return Plezi.messenger(server.servletContext());
  }

  @Test
  void multicastReachesEveryControllerButTheSender() throws Exception {
    WsClient sender = open("/a");
    WsClient otherA = open("/a");
    WsClient b = open("/b");
    WsClient child = open("/b-child");
    sender.send("multicast:hi");
    otherA.expectText("A got hi");
    b.expectText("ChatB got hi");
    child.expectText("ChatBChild got hi");
    sender.expectNothingMore();
  }

  @Test
  void broadcastReachesTheSendersClassOnlyAndSkipsTheSender() throws Exception {
    WsClient sender = open("/a");
    WsClient otherA = open("/a");
    WsClient b = open("/b");
    sender.send("broadcast:team");
    otherA.expectText("A got team");
    sender.expectNothingMore();
    b.expectNothingMore();
  }

  @Test
  void broadcastToAClassReachesItAndItsSubclassesOnly() throws Exception {
    WsClient sender = open("/a");
    WsClient otherA = open("/a");
    WsClient b = open("/b");
    WsClient child = open("/b-child");
    sender.send("broadcastB:bees");
    b.expectText("ChatB got bees");
    child.expectText("ChatBChild got bees");
    otherA.expectNothingMore();
    sender.expectNothingMore();
  }

  @Test
  void unicastReachesExactlyItsTarget() throws Exception {
    WsClient sender = open("/a");
    WsClient bystander = open("/b");
    WsClient target = WsClient.connect(server.ws("/b"));
    clients.add(target);
    String uuid = uuidOf(target, target.nextText());
    sender.send("unicast:" + uuid + ":psst");
    target.expectText("ChatB got psst");
    bystander.expectNothingMore();
    sender.expectNothingMore();
  }

  @Test
  void unicastToAClosedOrUnknownConnectionRunsTheSendersFailedUnicastCallback() throws Exception {
    WsClient sender = open("/a");
    WsClient target = WsClient.connect(server.ws("/b"));
    String gone = uuidOf(target, target.nextText());
    target.close();
    org.awaitility.Awaitility.await()
        .until(() -> !messenger().unicast(gone, "say", "x").toCompletableFuture().get());
    sender.send("unicast:" + gone + ":hello?");
    Journal.expect("failed " + gone + " say [hello?]");
    String neverExisted = Plezi.serverUuid(server.servletContext()) + "ffffff";
    sender.send("unicast:" + neverExisted + ":anyone?");
    Journal.expect("failed " + neverExisted + " say [anyone?]");
    sender.send("unicast:not-a-uuid:x");
    Journal.expect("failed not-a-uuid say [x]");
    sender.send("unicast:" + "0".repeat(36) + "1:other server");
    Journal.expect("failed " + "0".repeat(36) + "1 say [other server]");
  }

  @Test
  void theMessengerSkipsNoOneAndAnswersUnicasts() throws Exception {
    WsClient a = open("/a");
    WsClient b = WsClient.connect(server.ws("/b"));
    clients.add(b);
    String bUuid = uuidOf(b, b.nextText());
    messenger().multicast("say", "to all");
    a.expectText("A got to all");
    b.expectText("ChatB got to all");
    messenger().broadcast(ChatA.class, "say", "to A");
    a.expectText("A got to A");
    b.expectNothingMore();
    assertThat(
            messenger()
                .unicast(bUuid, "say", "just b")
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS))
        .isTrue();
    b.expectText("ChatB got just b");
    assertThat(
            messenger()
                .unicast(bUuid + "0", "say", "nobody")
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS))
        .isFalse();
  }

  @Test
  void aConnectionReceivesFromTheStartOfItsOnOpenAndItsEventsRunAfterIt() throws Exception {
    SlowOpen.PROCEED.clear();
    WsClient client = WsClient.connect(server.ws("/slow-open"));
    clients.add(client);
    String uuid = Journal.awaitEntry("onOpen started ").substring("onOpen started ".length());

    messenger().multicast("say", "multicast");
    messenger().broadcast(SlowOpen.class, "say", "broadcast");
    assertThat(
            messenger()
                .unicast(uuid, "say", "unicast")
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS))
        .isTrue();
    SlowOpen.PROCEED.add("go");

    client.expectText("onOpen done");
    client.expectText("got multicast");
    client.expectText("got broadcast");
    client.expectText("got unicast");
  }

  @Test
  void argumentsAreConvertedWithoutLoss() throws Exception {
    WsClient a = open("/a");
    messenger()
        .broadcast(
            ChatA.class,
            "typed",
            1L,
            2,
            3,
            List.of(4L, 5L),
            Map.of("and", "hash"),
            Set.of("x", "y"),
            java.util.Date.from(Instant.EPOCH),
            "GREEN");
    a.expectText("typed 1 2 3.0 [4, 5] {and=hash} [x, y] 1970-01-01T00:00:00Z GREEN");
  }

  @Test
  void messagesThatFitNoMethodAreDroppedAndTheConnectionGoesOn() throws Exception {
    WsClient a = open("/a");
    Object[][] misfits = {
      {1L << 40, 2, 3, List.of(), Map.of(), Set.of(), Instant.EPOCH, "RED"}, // int overflow
      {1, 2, 3.5, List.of(), Map.of(), Set.of(), Instant.EPOCH, "RED"}, // fine except ...
      {1, 2, 3, List.of("four"), Map.of(), Set.of(), Instant.EPOCH, "RED"}, // not integers
      {1, 2, 3, List.of(), Map.of(), Set.of(), Instant.EPOCH, "BLUE"}, // no such constant
      {1, 2}, // too few
    };
    for (Object[] args : misfits) {
      messenger().broadcast(ChatA.class, "typed", args);
    }
    messenger().broadcast(ChatA.class, "secret", "x"); // not an @Event
    messenger().broadcast(ChatA.class, "close"); // a Controller method
    messenger().broadcast(ChatA.class, "onOpen"); // a callback
    messenger().broadcast(ChatA.class, "getClass");
    messenger().broadcast(ChatA.class, "say", "still alive");
    a.expectText("typed 1 2 3.5 [] {} [] 1970-01-01T00:00:00Z RED");
    a.expectText("A got still alive");
    a.expectNothingMore();
    assertThat(a.session().isOpen()).isTrue();
  }

  @Test
  void valuesThatAreNotCoreValuesAreRefusedWhenSending() {
    assertThatThrownBy(() -> messenger().multicast("say", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 0 is a java.lang.Object, not a core value");
    assertThatThrownBy(() -> messenger().multicast("say", Map.of(1, "x")))
        .hasMessageContaining("map key that is not a String");
    assertThatThrownBy(() -> messenger().multicast("", "x"))
        .hasMessageContaining("an event name is required");
  }

  @Test
  void aFanOutPreparesItsMessageOnceWhateverTheNumberOfReceivers() throws Exception {
    List<WsClient> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(open("/b"));
    }
    PleziRuntime runtime =
        (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
    long before = runtime.messaging().preparedCount();
    messenger().broadcast(ChatB.class, "say", "once");
    for (WsClient client : many) {
      client.expectText("ChatB got once");
    }
    assertThat(runtime.messaging().preparedCount() - before).isEqualTo(1);
  }

  @Test
  void payloadsThatAreNotEnvelopesReachOnBroadcast() throws Exception {
    WsClient a = open("/a");
    PleziRuntime runtime =
        (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
    runtime.messaging().inbound().receiveForeign("plain text from another program");
    a.expectText("raw plain text from another program");
  }
}
