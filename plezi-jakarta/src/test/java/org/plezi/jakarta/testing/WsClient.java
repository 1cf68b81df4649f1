package org.plezi.jakarta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A real websocket client (Tyrus) that records what it receives into a queue, with assertions that
 * wait for the next event instead of sleeping.
 */
public final class WsClient implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** What the client saw: a text or binary message, or the close. */
  public sealed interface Received permits Text, Binary, Closed {}

  public record Text(String text) implements Received {}

  public record Binary(byte[] data) implements Received {}

  public record Closed(int code, String reason) implements Received {}

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private volatile Map<String, List<String>> responseHeaders = Map.of();

  /**
   * One shared Tyrus container for every test client, kept alive for the whole run: a container
   * that stops when its last session closes races with the next connect and can reject its sends.
   */
  private static final ClientManager MANAGER = sharedManager();

  private static ClientManager sharedManager() {
    ClientManager manager = ClientManager.createClient();
    manager.getProperties().put(org.glassfish.tyrus.client.ClientProperties.SHARED_CONTAINER, true);
    manager
        .getProperties()
        .put(org.glassfish.tyrus.client.ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 3600);
    return manager;
  }

  private Session session;

  private WsClient() {}

  /** Connects, sending the given extra handshake headers. */
  public static WsClient connect(URI uri, Map<String, List<String>> headers) throws Exception {
    WsClient client = new WsClient();
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> request) {
                    request.putAll(headers);
                  }

                  @Override
                  public void afterResponse(HandshakeResponse response) {
                    client.responseHeaders = response.getHeaders();
                  }
                })
            .build();
    client.session = MANAGER.connectToServer(client.new Listener(), config, uri);
    return client;
  }

  public static WsClient connect(URI uri) throws Exception {
    return connect(uri, Map.of());
  }

  /** The handshake response's headers (lower-case names may vary; look up case-insensitively). */
  public List<String> responseHeader(String name) {
    return responseHeaders.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .toList();
  }

  public void send(String text) throws IOException {
    try {
      session.getBasicRemote().sendText(text);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      closedWhileSending(e);
    }
  }

  public void send(byte[] data) throws IOException {
    try {
      session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      closedWhileSending(e);
    }
  }

  /**
   * The server may close the connection (say, 1009 for a message too big) before a send of ours
   * returns; Tyrus then fails the send, its session's idle-timeout executor already stopped, even
   * with a shared container. That send raced a close the test sees as its next event; a send
   * failing on a session still open is a real failure.
   */
  private void closedWhileSending(RuntimeException e) {
    if (session.isOpen()) {
      throw e;
    }
  }

  public Session session() {
    return session;
  }

  /** The next event, waiting up to 20 s; fails if none came. */
  public Received next() throws InterruptedException {
    Received event = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(event).as("an event within " + WAIT).isNotNull();
    return event;
  }

  /** The next event if one comes within {@code wait}, else null. */
  public Received poll(Duration wait) throws InterruptedException {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asserts that the next event is this text message. */
  public void expectText(String expected) throws InterruptedException {
    assertThat(next()).isEqualTo(new Text(expected));
  }

  /** The next event, which must be a text message. */
  public String nextText() throws InterruptedException {
    Received event = next();
    assertThat(event).isInstanceOf(Text.class);
    return ((Text) event).text();
  }

  /** Waits for the close, skipping messages; returns it. */
  public Closed awaitClose() throws InterruptedException {
    while (true) {
      Received event = next();
      if (event instanceof Closed closed) {
        return closed;
      }
    }
  }

  /** Asserts nothing else arrived within a short grace period. */
  public void expectNothingMore() throws InterruptedException {
    assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Override
  public void close() throws IOException {
    if (session != null && session.isOpen()) {
      session.close();
    }
  }

  private final class Listener extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
      // Here, not after connectToServer returns: a server that closes at once (onOpen failing)
      // may have closed the session by then, and Tyrus refuses these calls on a closed session.
      session.setMaxTextMessageBufferSize(16 * 1024 * 1024);
      session.setMaxBinaryMessageBufferSize(16 * 1024 * 1024);
      session.addMessageHandler(
          String.class, (MessageHandler.Whole<String>) text -> received.add(new Text(text)));
      session.addMessageHandler(
          ByteBuffer.class,
          (MessageHandler.Whole<ByteBuffer>)
              data -> {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                received.add(new Binary(bytes));
              });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      received.add(new Closed(reason.getCloseCode().getCode(), reason.getReasonPhrase()));
    }
  }
}
