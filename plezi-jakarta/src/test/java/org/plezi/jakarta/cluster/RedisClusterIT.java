package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.internal.redis.RedisBus;
import org.plezi.jakarta.internal.runtime.PleziRuntime;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Two servers in this JVM and one in another process, on a Redis server of the test's own. */
@Timeout(180)
class RedisClusterIT {
  private static final String CHANNEL = "plezi_cluster_it";

  private static RedisServer redis;
  private static TestServer a;
  private static TestServer b;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    redis = RedisServer.start();
    Map<String, String> params = Map.of("plezi.redis.url", redis.url(), "plezi.channel", CHANNEL);
    a = TestServer.start(params, ClusterChat.class, ClusterOther.class);
    b = TestServer.start(params, ClusterChat.class, ClusterOther.class);
    awaitConnected(a);
    awaitConnected(b);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    a.close();
    b.close();
    redis.close();
  }

  @BeforeEach
  void clearJournal() {
    Journal.clear();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  static RedisBus bus(TestServer server) {
    PleziRuntime runtime =
        (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
    return (RedisBus) runtime.messaging().bus();
  }

  static void awaitConnected(TestServer server) {
    await().atMost(Duration.ofSeconds(60)).until(() -> bus(server).isConnected());
  }

  private WsClient open(TestServer server, String path) throws Exception {
    WsClient client = WsClient.connect(server.ws(path));
    clients.add(client);
    return client;
  }

  private static String uuid(WsClient client) throws InterruptedException {
    String greeting = client.nextText();
    assertThat(greeting).startsWith("uuid ");
    return greeting.substring(5);
  }

  @Test
  void multicastReachesEveryServerExactlyOnceAndSkipsTheSender() throws Exception {
    WsClient sender = open(a, "/chat");
    WsClient localPeer = open(a, "/chat");
    WsClient remote = open(b, "/chat");
    WsClient remoteOther = open(b, "/other");
    for (WsClient client : List.of(sender, localPeer, remote, remoteOther)) {
      uuid(client);
    }
    long publishedBefore = bus(a).publishedCount();
    sender.send("multicast:hello cluster");
    localPeer.expectText("say hello cluster");
    remote.expectText("say hello cluster");
    remoteOther.expectText("other hello cluster");
    assertThat(bus(a).publishedCount() - publishedBefore).isEqualTo(1);
    for (WsClient client : List.of(sender, localPeer, remote, remoteOther)) {
      client.expectNothingMore();
    }
  }

  @Test
  void classBroadcastCrossesServersAndReachesOnlyThatClass() throws Exception {
    WsClient sender = open(a, "/chat");
    WsClient remoteChat = open(b, "/chat");
    WsClient remoteOther = open(b, "/other");
    uuid(sender);
    uuid(remoteChat);
    uuid(remoteOther);
    sender.send("broadcastOther:others only");
    remoteOther.expectText("other others only");
    remoteChat.expectNothingMore();
    sender.send("broadcast:chat only");
    remoteChat.expectText("say chat only");
    remoteOther.expectNothingMore();
  }

  @Test
  void unicastCrossesServersToExactlyItsTarget() throws Exception {
    WsClient sender = open(a, "/chat");
    WsClient target = open(b, "/chat");
    WsClient bystander = open(b, "/chat");
    uuid(sender);
    String targetUuid = uuid(target);
    uuid(bystander);
    sender.send("unicast:" + targetUuid + ":just you");
    target.expectText("say just you");
    target.expectNothingMore();
    bystander.expectNothingMore();
    Messenger messenger = Plezi.messenger(a.servletContext());
    assertThat(
            messenger
                .unicast(targetUuid, "say", "via messenger")
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS))
        .isTrue();
    target.expectText("say via messenger");
  }

  @Test
  void failedUnicastToAGoneConnectionOrAGoneServerRunsTheSendersCallback() throws Exception {
    WsClient sender = open(a, "/chat");
    uuid(sender);
    WsClient target = WsClient.connect(b.ws("/chat"));
    String goneConnection = uuid(target);
    target.close();
    Messenger messenger = Plezi.messenger(a.servletContext());
    await()
        .until(
            () ->
                !messenger
                    .unicast(goneConnection, "say", "x")
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
    sender.send("unicast:" + goneConnection + ":anyone");
    Journal.expect("failed " + goneConnection + " say [anyone]");

    String goneServer = "3b241101-e2bb-4255-8caf-4136c566a962" + "1a";
    sender.send("unicast:" + goneServer + ":hello?");
    Journal.expect("failed " + goneServer + " say [hello?]");
    assertThat(
            messenger
                .unicast(goneServer, "say", "x")
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS))
        .isFalse();
  }

  @Test
  void theDesignDocumentsYamlPublishedWithRedisCliReachesControllers() throws Exception {
    WsClient onA = open(a, "/chat");
    WsClient onB = open(b, "/chat");
    uuid(onA);
    uuid(onB);
    String yaml =
        """
        ---
        :method: :print
        :data:
        - Hi
        :type: :all
        :server: 3b241101-e2bb-4255-8caf-4136c566a962
        """;
    assertThat(redis.publishWithCli(CHANNEL, yaml)).isEqualTo("2");
    onA.expectText("print Hi");
    onB.expectText("print Hi");
  }

  @Test
  void aClassBroadcastFromAnotherProgramUsesTheExplicitClusterName() throws Exception {
    WsClient other = open(b, "/other");
    WsClient chat = open(b, "/chat");
    uuid(other);
    uuid(chat);
    redis.publishWithCli(
        CHANNEL, "---\n:method: :say\n:data:\n- by name\n:type: other\n:server: ruby-app\n");
    other.expectText("other by name");
    chat.expectNothingMore();
  }

  @Test
  void stringKeyedEnvelopesAndForeignPayloadsWork() throws Exception {
    WsClient onB = open(b, "/chat");
    uuid(onB);
    redis.publish(CHANNEL, "method: print\ndata: [plain keys]\ntype: all\nserver: other-program\n");
    onB.expectText("print plain keys");
    redis.publish(CHANNEL, "just a string from another program");
    onB.expectText("raw just a string from another program");
  }

  @Test
  void maliciousYamlIsRejectedWhileTheBusKeepsDelivering() throws Exception {
    WsClient onB = open(b, "/chat");
    uuid(onB);
    String[] attacks = {
      "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
          + "[\"http://127.0.0.1:1/\"]]]]",
      billionLaughs(),
      ":method: :print\n:data:\n- " + "x".repeat(10 * 1024 * 1024) + "\n:type: :all\n:server: s\n",
      ":method: :print\n:data:\n- "
          + "[".repeat(5_000)
          + "]".repeat(5_000)
          + "\n:type: :all\n:server: s\n",
      "--- !ruby/object:Gem::Requirement\nrequirements: []\n",
    };
    for (String attack : attacks) {
      redis.publish(CHANNEL, attack);
    }
    redis.publish(CHANNEL, ":method: :print\n:data:\n- survived\n:type: :all\n:server: s\n");
    onB.expectText("print survived");
    onB.expectNothingMore();
  }

  @Test
  void aServerInAnotherJvmJoinsTheCluster() throws Exception {
    try (ClusterNode.Running node = ClusterNode.launch(redis.url(), CHANNEL)) {
      int port = node.port();
      WsClient remote = WsClient.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/chat"));
      clients.add(remote);
      String remoteUuid = uuid(remote);
      Messenger messenger = Plezi.messenger(a.servletContext());
      // The node subscribes in the background: a unicast answers true once it does.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  messenger
                      .unicast(remoteUuid, "say", "ping")
                      .toCompletableFuture()
                      .get(10, TimeUnit.SECONDS));
      assertThat(remote.nextText()).isEqualTo("say ping");
      WsClient local = open(a, "/chat");
      uuid(local);
      remote.send("multicast:from the other JVM");
      local.expectText("say from the other JVM");
      local.send("unicast:" + remoteUuid + ":back to you");
      remote.expectText("say back to you");
      remote.expectNothingMore();
    }
  }

  private static String billionLaughs() {
    StringBuilder yaml =
        new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      yaml.append("]\n");
      previous = c;
    }
    return yaml.toString();
  }
}
