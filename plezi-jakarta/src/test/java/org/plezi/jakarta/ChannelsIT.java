package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.cluster.ChannelChat;
import org.plezi.jakarta.internal.delivery.ChannelRegistry;
import org.plezi.jakarta.internal.runtime.PleziRuntime;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Channels on one server (issue 17): real Tomcat, real clients, the in-process bus. */
@Timeout(60)
class ChannelsIT {
  /** Auto-dispatch: a client's JSON can call its client events, a publish its server events. */
  @AutoDispatch
  @Route("/guarded")
  public static class Guarded extends Controller {
    @Event(from = Caller.CLIENT)
    void join(Map<String, Object> message) {
      subscribe("guarded");
      write("joined");
    }

    /** Callable by the client only: a publish must not reach it. */
    @Event(from = Caller.CLIENT)
    void clientOnly(Map<String, Object> message) {
      write("clientOnly called");
    }

    @Event
    void say(String text) {
      write("say " + text);
    }
  }

  private static TestServer server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of("plezi.channels.maxPerConnection", "3"), ChannelChat.class, Guarded.class);
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
    await().atMost(Duration.ofSeconds(10)).until(() -> channels().channelCount() == 0);
  }

  private static ChannelRegistry channels() {
    PleziRuntime runtime =
        (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
    return runtime.messaging().channels();
  }

  private WsClient open() throws Exception {
    WsClient client = WsClient.connect(server.ws("/rooms"));
    clients.add(client);
    assertThat(client.nextText()).startsWith("uuid ");
    return client;
  }

  private static void command(WsClient client, String command, String answer) throws Exception {
    client.send(command);
    client.expectText(answer);
  }

  @Test
  void anEventReachesEverySubscriberButTheSenderAndNoOneElse() throws Exception {
    WsClient sender = open();
    WsClient first = open();
    WsClient second = open();
    WsClient outsider = open();
    for (WsClient client : List.of(sender, first, second)) {
      command(client, "sub:room1", "subscribed room1");
    }
    command(outsider, "sub:room2", "subscribed room2");
    command(sender, "pub:room1:hello room", "published");
    first.expectText("say hello room");
    second.expectText("say hello room");
    Plezi.messenger(server.servletContext()).publish("room1", "say", "from the messenger");
    sender.expectText("say from the messenger"); // the Messenger skips no one
    first.expectText("say from the messenger");
    second.expectText("say from the messenger");
    for (WsClient client : List.of(sender, first, second, outsider)) {
      client.expectNothingMore();
    }
    assertThat(channels().channelCount()).isEqualTo(2);
    assertThat(channels().subscriptionCount()).isEqualTo(4);
    PleziMetrics.Channels counted = Plezi.metrics(server.servletContext()).channels();
    assertThat(counted.channels()).isEqualTo(2);
    assertThat(counted.subscriptions()).isEqualTo(4);
    assertThat(counted.published().get("event")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void rawTextIsWrittenUnchangedToRawSubscribersOnlyAndEventsToEventSubscribersOnly()
      throws Exception {
    WsClient raw = open();
    WsClient events = open();
    command(raw, "subraw:feed", "subscribed feed");
    command(events, "sub:feed", "subscribed feed");
    Messenger messenger = Plezi.messenger(server.servletContext());
    messenger.publishRaw("feed", "<li>ready-made: say x</li>");
    raw.expectText("<li>ready-made: say x</li>");
    messenger.publish("feed", "say", "an event");
    events.expectText("say an event");
    raw.expectNothingMore();
    events.expectNothingMore();
    // Subscribing again changes the mode.
    command(events, "subraw:feed", "subscribed feed");
    messenger.publishRaw("feed", "both raw");
    raw.expectText("both raw");
    events.expectText("both raw");
    assertThat(channels().subscriptionCount()).isEqualTo(2);
  }

  @Test
  void anEventForTheClientOnlyIsNotCalledByAPublish() throws Exception {
    WsClient subscriber = WsClient.connect(server.ws("/guarded"));
    clients.add(subscriber);
    command(subscriber, "{\"event\":\"join\"}", "joined");
    Messenger messenger = Plezi.messenger(server.servletContext());
    messenger.publish("guarded", "clientOnly", Map.of("from", "a publish"));
    messenger.publish("guarded", "say", "after");
    subscriber.expectText("say after"); // the events run in order: the first was dropped
    subscriber.expectNothingMore();
  }

  @Test
  void unsubscribeAndCloseLeaveTheChannel() throws Exception {
    WsClient sender = open();
    WsClient leaving = open();
    WsClient closing = open();
    command(leaving, "sub:room", "subscribed room");
    command(closing, "sub:room", "subscribed room");
    command(leaving, "unsub:room", "unsubscribed room");
    command(leaving, "unsub:never-joined", "unsubscribed never-joined"); // nothing happens
    command(sender, "pub:room:one", "published");
    closing.expectText("say one");
    leaving.expectNothingMore();
    assertThat(channels().subscriptionCount()).isEqualTo(1);
    closing.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> channels().channelCount() == 0);
    command(sender, "pub:room:two", "published");
    leaving.expectNothingMore();
  }

  @Test
  void badNamesAreRefusedClearlyAndTheConnectionGoesOn() throws Exception {
    WsClient client = open();
    for (String bad : List.of("", "has space", "a*b", "tab\tname", "é", "x".repeat(201))) {
      client.send("sub:" + bad);
      assertThat(client.nextText())
          .startsWith("error a channel name is 1 to 200 characters of A-Z a-z 0-9 _ . : / @ -");
    }
    command(client, "sub:" + "x".repeat(200), "subscribed " + "x".repeat(200));
    command(client, "sub:ok_name-1.2/3@z", "subscribed ok_name-1.2/3@z");
    Messenger messenger = Plezi.messenger(server.servletContext());
    assertThatThrownBy(() -> messenger.publish("no good", "say", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'no good'");
    assertThatThrownBy(() -> messenger.publish("fine", "not an event", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> messenger.publishRaw("fine", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> messenger.publishRaw("fine", "x".repeat(256 * 1024 + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 262144 characters");
    assertThatThrownBy(() -> messenger.publish("fine", "say", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(client.session().isOpen()).isTrue();
    command(client, "sub:still-works", "subscribed still-works");
  }

  @Test
  void presenceOnOneServerCountsAnIdentityOnceAndTellsSubscribersThatAskedForIt() throws Exception {
    WsClient watcher = open();
    command(watcher, "sub:lounge", "subscribed lounge");
    WsClient tab1 = open();
    command(tab1, "login:erin", "logged in as erin");
    command(tab1, "track:lounge:Erin", "tracked lounge");
    watcher.expectText("join lounge erin {name=Erin}");
    WsClient tab2 = open();
    command(tab2, "login:erin", "logged in as erin");
    command(tab2, "track:lounge:Erin", "tracked lounge");
    command(tab2, "track:lounge:Erin", "tracked lounge"); // again: nothing
    command(watcher, "who:lounge", "who {erin={name=Erin}}");
    assertThat(Plezi.metrics(server.servletContext()).channels().presenceMembers()).isEqualTo(1);
    Messenger messenger = Plezi.messenger(server.servletContext());
    assertThat(messenger.presence("lounge").toCompletableFuture().get())
        .isEqualTo(Map.of("erin", Map.of("name", "Erin")));
    tab1.close();
    watcher.expectNothingMore();
    command(tab2, "untrack:lounge", "untracked lounge");
    watcher.expectText("leave lounge erin");
    command(watcher, "who:lounge", "who {}");
  }

  @Test
  void badPresenceMetadataAndNamesAreRefused() throws Exception {
    WsClient client = open();
    client.send("track:bad name:x");
    assertThat(client.nextText()).startsWith("error a channel name is");
    client.send("track:fine:" + "v".repeat(257));
    assertThat(client.nextText()).startsWith("error a presence metadata value is at most 256");
    client.send("track:fine:tab\there");
    assertThat(client.nextText()).startsWith("error a presence metadata value");
    assertThatThrownBy(() -> Plezi.messenger(server.servletContext()).presence("no good"))
        .isInstanceOf(IllegalArgumentException.class);
    command(client, "who:fine", "who {}");
  }

  @Test
  void theChannelsOfOneConnectionAreBoundedBySetting() throws Exception {
    WsClient client = open();
    command(client, "many:3", "subscribed 3");
    client.send("sub:one-too-many");
    assertThat(client.nextText())
        .isEqualTo(
            "error a connection subscribes to at most 3 channels (plezi.channels.maxPerConnection)");
    command(client, "subraw:many1", "subscribed many1"); // a mode change is no new channel
    command(client, "unsub:many0", "unsubscribed many0");
    command(client, "sub:one-more", "subscribed one-more");
    assertThat(channels().channelCount()).isEqualTo(3);
  }
}
