package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.ServletContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.base.Settings;

/**
 * Hands the endpoint built for one upgrade request (its controller already past {@code preConnect})
 * to the websocket container, the same way on every container.
 *
 * <p>Why not simply pass a configurator that returns it: Tyrus (Payara, GlassFish) ignores the
 * {@link ServerEndpointConfig} given to {@code upgradeHttpToWebSocket} and routes the upgrade by
 * path to an endpoint registered at start-up. So one relay endpoint is registered at a reserved
 * path, and each upgrade names its parked endpoint by a single-use random token in that path.
 * Tomcat uses the config it is given and reaches the same relay. A client that opens the reserved
 * path itself finds nothing parked and is closed at once (1008).
 */
public final class WebsocketHandOff {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** The reserved path of the relay endpoint, inside the application. */
  public static final String PATH = "/.plezi-upgrade/{token}";

  private static final String TOKEN = "token";

  /**
   * An endpoint parked longer than this never got its websocket (its client went away during the
   * handshake); its controller and connection place are released. A container opens an upgraded
   * websocket within milliseconds, so 10 s only ever catches the abandoned ones.
   */
  static final long EXPIRY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private record Parked(EndpointAdapter endpoint, Controller controller, long since) {}

  private final PleziRuntime runtime;

  /** Endpoints waiting for their websocket, by token. */
  private final Map<String, Parked> parked = new ConcurrentHashMap<>();

  private final ServerEndpointConfig config;

  /** RFC 7692's extension, the one browsers offer. */
  static final String PERMESSAGE_DEFLATE = "permessage-deflate";

  WebsocketHandOff(PleziRuntime runtime) {
    this.runtime = runtime;
    this.config =
        ServerEndpointConfig.Builder.create(Relay.class, PATH)
            .configurator(
                new ServerEndpointConfig.Configurator() {
                  @Override
                  public <T> T getEndpointInstance(Class<T> endpointClass) {
                    return endpointClass.cast(new Relay(WebsocketHandOff.this));
                  }

                  /** Declines permessage-deflate when plezi.websocket.compression is 0. */
                  @Override
                  public List<Extension> getNegotiatedExtensions(
                      List<Extension> installed, List<Extension> requested) {
                    List<Extension> offered = requested;
                    if (runtime.settings().get(Settings.WEBSOCKET_COMPRESSION) == 0) {
                      offered =
                          requested.stream()
                              .filter(e -> !PERMESSAGE_DEFLATE.equals(e.getName()))
                              .toList();
                    }
                    return super.getNegotiatedExtensions(installed, offered);
                  }
                })
            .build();
  }

  /**
   * Registers the relay with the application's websocket container; during start-up, before the
   * container stops accepting endpoints (Tyrus: when its filter initializes, after the listeners).
   */
  void register(ServletContext context) throws DeploymentException {
    Object container = context.getAttribute(ServerContainer.class.getName());
    if (container instanceof ServerContainer websockets) {
      websockets.addEndpoint(config);
    }
  }

  /** The config to upgrade with. */
  ServerEndpointConfig config() {
    return config;
  }

  /** Parks an endpoint for the upgrade about to run; the returned path parameters name it. */
  Map<String, String> park(EndpointAdapter endpoint, Controller controller) {
    String token = UUID.randomUUID().toString();
    parked.put(token, new Parked(endpoint, controller, System.nanoTime()));
    return Map.of(TOKEN, token);
  }

  /**
   * The upgrade did not happen: takes the endpoint back.
   *
   * @return true if it was still parked (the websocket will never open)
   */
  boolean withdraw(Map<String, String> pathParameters) {
    return parked.remove(pathParameters.get(TOKEN)) != null;
  }

  private EndpointAdapter take(Session session) {
    String token = session.getPathParameters().get(TOKEN);
    Parked taken = token == null ? null : parked.remove(token);
    return taken == null ? null : taken.endpoint();
  }

  /**
   * Releases the endpoints parked longer than {@link #EXPIRY_NANOS}: their controllers and their
   * connection places. Runs every second on the runtime's {@code timers} thread, so that a flood of
   * abandoned handshakes leaves nothing behind even when no upgrade follows it.
   *
   * @param now {@link System#nanoTime()}
   * @return how many were released
   */
  int expire(long now) {
    int released = 0;
    for (Map.Entry<String, Parked> entry : parked.entrySet()) {
      Parked waiting = entry.getValue();
      if (now - waiting.since() > EXPIRY_NANOS && parked.remove(entry.getKey(), waiting)) {
        runtime.releaseController(waiting.controller());
        runtime.gate().release();
        released++;
      }
    }
    if (released > 0) {
      int count = released;
      LOG.log(Level.DEBUG, () -> count + " upgrade(s) never opened; controllers released");
    }
    return released;
  }

  /** Endpoints waiting for their websocket now. */
  int parkedCount() {
    return parked.size();
  }

  /** What the container makes per websocket: forwards every event to the parked endpoint. */
  public static final class Relay extends Endpoint {
    private final WebsocketHandOff handOff;

    /** The parked endpoint; set in onOpen, before the container calls anything else. */
    private volatile EndpointAdapter target;

    Relay(WebsocketHandOff handOff) {
      this.handOff = handOff;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      EndpointAdapter parked = handOff.take(session);
      if (parked == null) {
        try {
          session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not found"));
        } catch (IOException e) {
          LOG.log(Level.DEBUG, () -> "closing a stray upgrade failed: " + e);
        }
        return;
      }
      target = parked;
      parked.onOpen(session, config);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      EndpointAdapter current = target;
      if (current != null) {
        current.onClose(session, reason);
      }
    }

    @Override
    public void onError(Session session, Throwable failure) {
      EndpointAdapter current = target;
      if (current != null) {
        current.onError(session, failure);
      }
    }
  }
}
