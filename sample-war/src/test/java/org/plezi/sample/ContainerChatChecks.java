package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What every *ContainerIT checks on its server: the built WAR, deployed unchanged, passes the chat
 * scenario and answers bad input. Each phase's time is printed as one {@code CONTAINER} line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
abstract class ContainerChatChecks {
  /** The longest a server may take to start and deploy the WAR. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private DeployedChat server;
  private long began;
  private long readyMillis;

  /** The container's name and version, for the timing line. */
  abstract String container();

  /** Starts the server with the WAR deployed; fails if it is not serving within START_TIMEOUT. */
  abstract DeployedChat deploy() throws Exception;

  @BeforeAll
  void startServer() throws Exception {
    began = System.nanoTime();
    server = deploy();
    readyMillis = Containers.millisSince(began);
  }

  @AfterAll
  void stopServer() {
    if (server == null) {
      return;
    }
    long stopping = System.nanoTime();
    server.close();
    System.out.printf(
        "CONTAINER %s: started and deployed in %d ms, stopped in %d ms, " + "%d ms in all%n",
        container(), readyMillis, Containers.millisSince(stopping), Containers.millisSince(began));
  }

  @Test
  void loginChatWhisperOnlineAndOfflineAndNoticeWork() throws Exception {
    long start = System.nanoTime();
    ChatScenario.run(server.site());
    System.out.printf(
        "CONTAINER %s: chat scenario in %d ms%n", container(), Containers.millisSince(start));
  }

  @Test
  void badInputGetsErrRepliesAndHtmlTravelsAsText() throws Exception {
    try (ChatUser user = ChatUser.connect(server.site().chat())) {
      user.sendRaw("{not json");
      user.expectError(400);
      user.sendRaw("{\"event\":\"shout\"}");
      user.expectError(404);
      user.sendRaw("{\"event\":\"notice\",\"text\":\"forged\"}");
      user.expectError(405);
      user.chat("too early");
      user.expectError(401);
      user.sendRaw("{\"event\":\"login\",\"name\":\"<img src=x>\"}");
      user.expectError(400);

      user.login("html-" + Long.toString(System.nanoTime() % 100_000, 36));
      user.chat("<img src=x onerror=alert(1)>");
      assertThat(user.next("chat").getString("text")).isEqualTo("<img src=x onerror=alert(1)>");
    }
    assertThat(ChatScenario.postNotice(server.site(), "").statusCode()).isEqualTo(400);
  }
}
