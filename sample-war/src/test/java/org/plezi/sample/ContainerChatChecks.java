package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every *ContainerIT checks on its server: the built WAR, deployed unchanged, passes the chat
 * scenario and answers bad input, from outside like any client. {@link ArquillianChatChecks} gets
 * the server from an Arquillian adapter; a test for a server without a working adapter ({@link
 * JettyContainerIT}) starts it with a launcher of its own. The scenario's time is printed as one
 * {@code CONTAINER} line.
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
abstract class ContainerChatChecks {
  /** The longest a launcher's server may take to start and deploy the WAR. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /** The container's name and version, for the timing line. */
  abstract String container();

  /** Where the deployed chat answers. */
  abstract ChatScenario.Site site();

  @Test
  void loginChatWhisperOnlineAndOfflineAndNoticeWork() throws Exception {
    long start = System.nanoTime();
    ChatScenario.run(site());
    System.out.printf(
        "CONTAINER %s: chat scenario in %d ms%n", container(), Containers.millisSince(start));
  }

  @Test
  void badInputGetsErrRepliesAndHtmlTravelsAsText() throws Exception {
    try (ChatUser user = ChatUser.connect(site().chat())) {
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
    assertThat(ChatScenario.postNotice(site(), "").statusCode()).isEqualTo(400);
  }
}
