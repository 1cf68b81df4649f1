package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.sample.ChatScenario.Site;

/**
 * Two instances of the Tomcat WAR, as two runs of the README's cluster command would start them,
 * joined through a real redis-server of the test's own: users on either instance chat, whisper (to
 * an online user and to one who is away, whose whisper waits in Redis) and get notices posted to
 * the other; and another program publishing Plezi's YAML envelope on the web.xml's channel {@code
 * plezi_sample} reaches every user. In rooms, a chat from a user on one instance reaches the room's
 * members on the other and nobody in another room, and each instance lists the room's members of
 * both.
 */
@Timeout(120)
class ChatClusterIT {
  private static final Path WEBAPP =
      Path.of(System.getProperty("plezi.webapp", "target/plezi-sample-tomcat"));

  private static RedisServer redis;
  private static DevServer first;
  private static DevServer second;
  private static Site a;
  private static Site b;

  @BeforeAll
  static void startRedisAndTwoInstances() throws Exception {
    redis = RedisServer.start();
    // Each instance gets the URL as a context parameter: PL_REDIS_URL, the README's way, is one
    // per process and both instances share this JVM.
    Map<String, String> cluster = Map.of("plezi.redis.url", redis.url());
    // Each instance serves at once and joins Redis in the background (until then a login is
    // answered 503, "try again"): wait until both say they joined, which they log once both of
    // their subscriptions are in place and their identity store can reach Redis.
    try (LogCapture log = LogCapture.start()) {
      first = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0, cluster);
      second = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0, cluster);
      Awaitility.await("both instances joined the cluster on plezi_sample")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> log.count("joined the cluster on Redis channel 'plezi_sample'") == 2);
    }
    assertThat(redis.subscribers("plezi_sample")).isEqualTo(2);
    a = Site.of("http://127.0.0.1:" + first.port() + "/");
    b = Site.of("http://127.0.0.1:" + second.port() + "/");
  }

  @AfterAll
  static void stopAll() throws Exception {
    try {
      if (second != null) {
        second.close();
      }
      if (first != null) {
        first.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  @Test
  void usersOnBothInstancesChatWhisperOnlineAndOfflineAndGetNoticesAcross() throws Exception {
    ChatScenario.run(a, b);
  }

  @Test
  void theScenarioAlsoPassesTheOtherWayRound() throws Exception {
    ChatScenario.run(b, a);
  }

  @Test
  void aYamlEnvelopePublishedOnPleziSampleByAnotherProgramIsANoticeForEveryone() throws Exception {
    try (ChatUser onA = ChatUser.login(a.chat(), "yaml-reader-a");
        ChatUser onB = ChatUser.login(b.chat(), "yaml-reader-b")) {
      String envelope =
          String.join(
              "\n",
              "---",
              ":method: :notice",
              ":data:",
              "- Deploying at 22:00",
              ":type: :all",
              ":server: " + UUID.randomUUID(),
              "");

      assertThat(redis.publishWithCli("plezi_sample", envelope)).isEqualTo("2");

      onA.expectNotice("Deploying at 22:00");
      onB.expectNotice("Deploying at 22:00");
    }
  }

  /**
   * The attack: envelopes published with redis-cli calling {@code logout} and {@code
   * login}, which are {@code from = Caller.CLIENT}, are dropped on both servers; nobody is logged
   * out or greeted, and the notice published after them arrives (the bus keeps their order).
   */
  @Test
  void loginAndLogoutPublishedOnTheChannelByAnotherProgramAreRefused() throws Exception {
    try (ChatUser onA = ChatUser.login(a.chat(), "target-a");
        ChatUser onB = ChatUser.login(b.chat(), "target-b")) {
      for (String forged :
          List.of(
              envelope(":logout", List.of()),
              envelope(":login", List.of("- name: mallory")),
              envelope(":notice", List.of("- after the forgeries")))) {
        assertThat(redis.publishWithCli("plezi_sample", forged)).isEqualTo("2");
      }
      onA.expectNotice("after the forgeries");
      onB.expectNotice("after the forgeries");
      onA.expectNothingMore();
      onB.expectNothingMore();
      onA.chat("still here");
      onA.expectChat("target-a", "still here");
    }
  }

  @Test
  void aRoomsChatCrossesToItsMembersOnTheOtherInstanceOnlyAndItsMembersAreListedOnBoth()
      throws Exception {
    String room = "crossing-" + Long.toString(System.nanoTime() % 46656, 36);
    String channel = "plezi_sample:ch:room:" + room;
    try (ChatUser ben = ChatUser.login(b.chat(), "ben-rooms");
        ChatUser dan = ChatUser.login(b.chat(), "dan-rooms");
        ChatUser ann = ChatUser.login(a.chat(), "ann-rooms")) {
      ben.enter(room);
      ben.awaitMembers(room, "ben-rooms");
      dan.enter(room + "-next-door");
      dan.awaitMembers(room + "-next-door", "dan-rooms");
      // Redis pub/sub keeps nothing: B must be subscribed to the room before A's member enters.
      Awaitility.await("B subscribed to the room on Redis")
          .atMost(Duration.ofSeconds(20))
          .until(() -> redis.subscribers(channel) == 1);

      ann.enter(room);
      ann.awaitMembers(room, "ann-rooms", "ben-rooms"); // A lists B's member
      ben.awaitMembers(room, "ann-rooms", "ben-rooms"); // and B is told of A's
      Awaitility.await("A subscribed to the room on Redis")
          .atMost(Duration.ofSeconds(20))
          .until(() -> redis.subscribers(channel) == 2);

      ann.chat("across the room");
      ann.expectChat("ann-rooms", "across the room");
      ben.expectChat("ann-rooms", "across the room");
      dan.chat("next door"); // B's own round trip: what reached ben has been handed to dan if ever
      dan.expectChat("dan-rooms", "next door");
      dan.expectNothingMore();

      ann.close();
      ben.awaitMembers(room, "ben-rooms");
      ben.expectNothingMore();
    }
  }

  private static String envelope(String method, List<String> data) {
    List<String> lines = new java.util.ArrayList<>(List.of("---", ":method: " + method));
    lines.add(data.isEmpty() ? ":data: []" : ":data:");
    lines.addAll(data);
    lines.addAll(List.of(":type: :all", ":server: " + UUID.randomUUID(), ""));
    return String.join("\n", lines);
  }
}
