package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * A controller without auto-dispatch whose client confirms its mail (#18,
 * plezi.mailbox.confirmation=client): it learns each message's identity and number from {@link
 * Controller#mailboxMessage()} and confirms with {@link Controller#confirmMail}; what is not
 * confirmed reaches the next registration again. With {@code server}, the old behaviour: a message
 * counts as delivered once its event method ran.
 */
@Timeout(120)
class ConfirmedMailIT {
  /** "login:name" registers; "confirm:name:seq" confirms; mail is written with its number. */
  @Route("/confirmed")
  public static class Confirmed extends Controller {
    @Override
    protected void onMessage(String command) {
      String[] part = command.split(":");
      switch (part[0]) {
        case "login" -> {
          registerAs(part[1]);
          write("in " + (mailboxMessage() == null ? "no mail" : "mail?"));
        }
        case "confirm" -> {
          confirmMail(part[1], Long.parseLong(part[2]));
          write("confirming " + part[2]);
        }
        default -> write("unknown");
      }
    }

    @Event
    void mail(String text) {
      MailboxMessage message = mailboxMessage();
      write("mail " + text + " " + message.identity() + "#" + message.seq());
    }
  }

  private TestServer server;

  private void start(String confirmation) {
    server = TestServer.start(Map.of("plezi.mailbox.confirmation", confirmation), Confirmed.class);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Messenger messenger() {
    return Plezi.messenger(server.servletContext());
  }

  private WsClient login(String name) throws Exception {
    WsClient client = WsClient.connect(server.ws("/confirmed"));
    client.send("login:" + name);
    client.expectText("in no mail");
    return client;
  }

  @Test
  void whatTheClientDidNotConfirmReachesTheNextRegistration() throws Exception {
    start("client");
    try (WsClient first = login("ada")) {
      for (int i = 1; i <= 3; i++) {
        messenger().notify("ada", "mail", "m" + i);
      }
      first.expectText("mail m1 ada#1");
      first.expectText("mail m2 ada#2");
      first.expectText("mail m3 ada#3");
      first.send("confirm:ada:2");
      first.expectText("confirming 2");
      first.send("confirm:ada:9"); // never handed: ignored
      first.expectText("confirming 9");
      // Queued after the confirmations in the connection's inbox: once it arrives, they ran.
      messenger().notify("ada", "mail", "m4");
      first.expectText("mail m4 ada#4");
    }
    try (WsClient second = login("ada")) {
      second.expectText("mail m3 ada#3");
      second.expectText("mail m4 ada#4");
      second.send("confirm:ada:4");
      second.expectText("confirming 4");
      messenger().notify("ada", "mail", "m5"); // after the confirmation, left unconfirmed
      second.expectText("mail m5 ada#5");
      second.expectNothingMore();
    }
    try (WsClient third = login("ada")) {
      third.expectText("mail m5 ada#5"); // only what was not confirmed
      third.expectNothingMore();
    }
  }

  @Test
  void serverConfirmationIsTheOldBehaviour() throws Exception {
    start("server");
    try (WsClient first = login("bo")) {
      messenger().notify("bo", "mail", "once");
      first.expectText("mail once bo#1");
    }
    try (WsClient second = login("bo")) {
      second.expectNothingMore();
    }
  }

  @Test
  void aBadConfirmationSettingFailsTheDeployment() {
    try (TestServer bad =
        TestServer.boot(Map.of("plezi.mailbox.confirmation", "sometimes"), Confirmed.class)) {
      assertThat(bad.started()).isFalse();
    }
  }
}
