package org.plezi.jakarta.internal;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;

/**
 * Everything Plezi holds for one deployment (one {@link ServletContext}): settings, server uuid,
 * routes, open connections and the shutdown sequence. Created once, at start-up, by the {@code
 * ServletContainerInitializer} or the first programmatic registration.
 */
public final class PleziRuntime {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** The servlet context attribute holding the runtime. */
  public static final String ATTRIBUTE = PleziRuntime.class.getName();

  private static final String SERVLET_NAME = "org.plezi.jakarta.dispatcher";

  /** Replaced once, when start-up is over, by the settings with code overrides applied. */
  private volatile Settings settings;
  /** Makes controllers; replaced once, when start-up is over, by an integration's (CDI). */
  private volatile ControllerFactory factory = ControllerFactory.REFLECTION;
  private final String serverUuid = UUID.randomUUID().toString();
  private final RouteTable routes = new RouteTable();
  private final ConnectionRegistry connections = new ConnectionRegistry();
  private final WebsocketHandOff handOff = new WebsocketHandOff(this);
  private final AtomicLong nextLocalId = new AtomicLong();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ExecutorService closer;
  private final Messaging messaging;
  private final ServletRegistration.Dynamic servlet;

  /**
   * Runs events from other connections; made with the bus in {@link #integrate}, since an
   * integration may set its size. Null until then.
   */
  private volatile ExecutorService events;

  /**
   * Checks the connections' sends in flight against the send timeout; started in {@link
   * #integrate} with the settings then final; null before, or when there is no timeout.
   */
  private volatile ScheduledExecutorService sendTimeouts;

  private PleziRuntime(ServletContext context, Settings settings) {
    this.settings = settings;
    this.closer = daemonPool("plezi-close-" + serverUuid.substring(0, 8), 4);
    // The bus, the identity store and the event pool are chosen in integrate(): the settings
    // that shape them may still change there (CDI), and no connection can open before.
    this.messaging = new Messaging(serverUuid, connections);
    this.servlet = context.addServlet(SERVLET_NAME, new DispatcherServlet(this));
    servlet.setLoadOnStartup(1);
    servlet.setAsyncSupported(true);
    context.addListener(new Shutdown(this));
    context.addListener(new IntegrationListener(this));
  }

  /**
   * The runtime of a deployment, created on first use; only during start-up.
   *
   * @throws IllegalArgumentException when a setting is invalid
   */
  public static synchronized PleziRuntime install(ServletContext context) {
    Object existing = context.getAttribute(ATTRIBUTE);
    if (existing instanceof PleziRuntime runtime) {
      return runtime;
    }
    Settings settings = Settings.load(context::getInitParameter, System.getenv());
    PleziRuntime runtime = new PleziRuntime(context, settings);
    context.setAttribute(ATTRIBUTE, runtime);
    LOG.log(Level.INFO, "Plezi server " + runtime.serverUuid + " started for "
        + (context.getContextPath().isEmpty() ? "/" : context.getContextPath()));
    return runtime;
  }

  /**
   * Adds routes for controller classes (all or none) and maps them.
   *
   * @throws org.plezi.jakarta.InvalidControllerException listing every problem
   */
  public void register(Collection<Class<?>> classes) {
    List<ControllerModel> models = ControllerModel.ofAll(classes);
    routes.addAll(models);
    for (ControllerModel model : models) {
      connections.addRoute(model);
      servlet.addMapping(RouteTable.servletMappings(model.route()).toArray(String[]::new));
      LOG.log(Level.DEBUG, () -> "route " + model);
    }
  }

  public Settings settings() {
    return settings;
  }

  /** The 36-character uuid of this server (this deployment). */
  public String serverUuid() {
    return serverUuid;
  }

  public RouteTable routes() {
    return routes;
  }

  public ConnectionRegistry connections() {
    return connections;
  }

  /** The deployment's messaging, which is also its {@link org.plezi.jakarta.Messenger}. */
  public Messaging messaging() {
    return messaging;
  }

  WebsocketHandOff handOff() {
    return handOff;
  }

  boolean isStopping() {
    return stopping.get();
  }

  /** A new controller for a connection or request; null (after logging) if construction failed. */
  Controller newController(ControllerModel model) {
    try {
      Controller controller = factory.create(model);
      ControllerHooks.get().bindRuntime(controller, messaging, model);
      return controller;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.log(Level.ERROR, model.type().getName() + ": could not be created (" + factory + ")",
          cause);
      return null;
    }
  }

  /** A controller's request or connection is over. */
  void releaseController(Controller controller) {
    factory.release(controller);
  }

  /**
   * Start-up is over: takes the factory, settings and Redis client an integration brings (or the
   * defaults), then chooses the bus and identity store and starts messaging. Runs once, from the
   * last listener of start-up, before any request.
   *
   * @param redisClient supplies the application's {@code RedissonClient}; null for none
   * @throws IllegalArgumentException when Redis is configured but cannot be used
   */
  void integrate(ControllerFactory factory, Settings settings, Supplier<?> redisClient,
      ServletContext context) {
    this.factory = factory;
    this.settings = settings;
    String channel = Buses.channel(settings, context);
    Bus bus = Buses.choose(settings, serverUuid, channel, redisClient);
    int threads = (int) settings.get(Settings.EVENT_THREADS);
    ExecutorService pool = daemonPool("plezi-events-" + serverUuid.substring(0, 8),
        threads > 0 ? threads : 2 * Runtime.getRuntime().availableProcessors());
    Identities identities = new Identities(serverUuid, Buses.identityStore(bus, settings, channel),
        connections, messaging, pool);
    this.events = pool;
    messaging.start(new Messaging.Wiring(bus, identities, pool,
        settings.get(Settings.UNICAST_TIMEOUT_MILLIS)));
    this.sendTimeouts = startSendTimeouts(settings.get(Settings.SEND_TIMEOUT_MILLIS));
  }

  /**
   * Binds an opened websocket to its controller; the connection enters the registry when it runs
   * onOpen ({@link Connection#opened}).
   */
  Connection connect(Session session, ControllerModel model, Controller controller) {
    String localId = Long.toHexString(nextLocalId.incrementAndGet());
    Connection connection =
        new Connection(serverUuid, localId, controller, model, session, settings, closer, events,
            messaging.identities().store());
    ControllerHooks.get().bindConnection(controller, connection);
    return connection;
  }

  /** A websocket ended: leaves the registry, then runs onClose (once). */
  void disconnect(Connection connection, int code, String reason) {
    if (connection.closed(code, reason, connections)) {
      messaging.identities().forget(connection);
      releaseController(connection.controller());
    }
  }

  /**
   * Undeploy: every open connection gets onShutdown, then a going-away close after what it wrote;
   * waits up to {@code plezi.shutdown.timeoutMillis} for the closes, then runs onClose itself for
   * connections the container did not report closed. Idempotent.
   */
  public void shutdown() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    List<Connection> open = new ArrayList<>(connections.all());
    List<CompletableFuture<Void>> closes = new ArrayList<>();
    for (Connection connection : open) {
      closes.add(CompletableFuture.runAsync(connection::shutdown, closer)
          .thenCompose(done -> connection.closedFuture()));
    }
    long timeout = settings.get(Settings.SHUTDOWN_TIMEOUT_MILLIS);
    try {
      CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
          .get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.log(Level.WARNING, "shutdown: connections still open after " + timeout + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.log(Level.WARNING, "shutdown: " + e.getCause());
    }
    for (Connection connection : open) {
      disconnect(connection, CloseCodes.GOING_AWAY, "server shutting down");
    }
    ScheduledExecutorService timeouts = sendTimeouts;
    if (timeouts != null) {
      timeouts.shutdownNow();
    }
    closer.shutdown();
    if (messaging.isStarted()) { // else the deployment failed before the bus was chosen
      events.shutdown();
      messaging.identities().store().close();
      messaging.bus().close();
    }
    LOG.log(Level.INFO, "Plezi server " + serverUuid + " stopped; " + open.size()
        + " connection(s) closed");
  }

  /**
   * Every quarter of the send timeout (at least every second, at most every 10 ms), closes the
   * connections whose send in flight is older than the timeout: one pass over the registry instead
   * of a timer per send.
   */
  private ScheduledExecutorService startSendTimeouts(long timeoutMillis) {
    if (timeoutMillis <= 0) {
      return null;
    }
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "plezi-send-timeouts-" + serverUuid.substring(0, 8));
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(10, Math.min(1_000, timeoutMillis / 4));
    timer.scheduleWithFixedDelay(() -> {
      long now = System.nanoTime();
      for (Connection connection : connections.all()) {
        connection.checkSendTimeout(now);
      }
    }, period, period, TimeUnit.MILLISECONDS);
    return timer;
  }

  /** A fixed pool of daemon threads whose idle threads time out. */
  static ExecutorService daemonPool(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), task -> {
          Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Runs the shutdown sequence when the context goes, if the servlet's destroy did not. */
  private static final class Shutdown implements ServletContextListener {
    private final PleziRuntime runtime;

    Shutdown(PleziRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      runtime.shutdown();
    }
  }
}
