package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.internal.base.Settings;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.LinkState;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.connection.Identities;
import org.plezi.jakarta.internal.delivery.ChannelRegistry;
import org.plezi.jakarta.internal.delivery.Messaging;
import org.plezi.jakarta.internal.hooks.ControllerHooks;
import org.plezi.jakarta.internal.hooks.RuntimeHooks;
import org.plezi.jakarta.internal.jmx.JmxRegistration;
import org.plezi.jakarta.internal.metrics.ConnectionSample;
import org.plezi.jakarta.internal.metrics.Metrics;
import org.plezi.jakarta.internal.metrics.RouteMetrics;
import org.plezi.jakarta.internal.model.ControllerChecks;
import org.plezi.jakarta.internal.model.ControllerModel;
import org.plezi.jakarta.internal.model.RouteTable;
import org.plezi.jakarta.spi.ControllerFactory;

/**
 * Everything Plezi holds for one deployment (one {@link ServletContext}): settings, server uuid,
 * routes, open connections, messaging and the shutdown sequence. Created once, at start-up, by the
 * {@code ServletContainerInitializer} or the first programmatic registration; finished by {@link
 * IntegrationListener} when start-up is over.
 */
public final class PleziRuntime {
  static {
    RuntimeHooks.install(new Door());
  }

  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** The servlet context attribute holding the runtime. */
  public static final String ATTRIBUTE = PleziRuntime.class.getName();

  private static final String SERVLET_NAME = "org.plezi.jakarta.dispatcher";

  // The volatile fields are written once more, by integrate() on the container's start-up
  // thread, before any request; requests, connections and the undeploy thread read them.

  /** Replaced once, when start-up is over, by the settings with code overrides applied. */
  private volatile Settings settings;

  /** Makes controllers; null (the no-argument constructor) unless an integration brought one. */
  private volatile ControllerFactory factory;

  private final String serverUuid = UUID.randomUUID().toString();
  private final RouteTable routes = new RouteTable();
  private final ConnectionRegistry connections = new ConnectionRegistry();
  private final WebsocketHandOff handOff = new WebsocketHandOff(this);
  private final AtomicLong nextLocalId = new AtomicLong();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ExecutorService closer;
  private final Messaging messaging;
  private final ServletRegistration.Dynamic servlet;

  /** Every count of this deployment (issue 19); on unless plezi.metrics.enabled=0 at install. */
  private final Metrics metrics;

  /** Each route's counts, made in {@link #register}, before any connection. */
  private final Map<ControllerModel, RouteMetrics> routeMetrics = new ConcurrentHashMap<>();

  /** Set once, when start-up is over ({@link #integrate} ran): for health. */
  private volatile boolean started;

  /** The deployment's MXBeans; null until start-up is over, or with plezi.metrics.jmx=0. */
  private volatile JmxRegistration jmx;

  /**
   * Runs events from other connections; made with the bus in {@link #integrate}, since an
   * integration may set its size. Null until then.
   */
  private volatile ExecutorService events;

  /** Which identities the connections hold; made with the store in {@link #integrate}. */
  private volatile Identities identities;

  /** Checks the sends in flight; started in {@link #integrate}; null before, or without timeout. */
  private volatile SendTimeouts sendTimeouts;

  /** Pings silent connections and closes dead and idle ones (#18); null when both are off. */
  private volatile Heartbeats heartbeats;

  /** The checks before a controller exists (#16); made in {@link #integrate}. */
  private volatile UpgradeGate gate;

  /**
   * The deployment's scheduler: releases abandoned parked upgrades every second, ends Messenger
   * unicasts' waits; started in {@link #integrate}.
   */
  private volatile ScheduledExecutorService timers;

  private PleziRuntime(ServletContext context, Settings settings) {
    this.settings = settings;
    this.closer = Threads.pool("close", serverUuid, 4);
    this.metrics =
        new Metrics(settings.get(Settings.METRICS_ENABLED) == 1, serverUuid, Clock.systemUTC());
    // The bus, the identity store and the event pool are chosen in integrate(): the settings
    // that shape them may still change there (CDI), and no connection can open before.
    this.messaging = new Messaging(serverUuid, connections, metrics.unicastsFailedCounter());
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
    LOG.log(
        Level.INFO,
        "Plezi server "
            + runtime.serverUuid
            + " started for "
            + (context.getContextPath().isEmpty() ? "/" : context.getContextPath()));
    return runtime;
  }

  /**
   * The runtime of a deployment.
   *
   * @throws IllegalStateException if Plezi is not installed in this application
   */
  static PleziRuntime of(ServletContext context) {
    Object runtime = context.getAttribute(ATTRIBUTE);
    if (!(runtime instanceof PleziRuntime installed)) {
      throw new IllegalStateException("Plezi is not installed in " + context.getContextPath());
    }
    return installed;
  }

  /**
   * Adds routes for controller classes (all or none) and maps them.
   *
   * @throws org.plezi.jakarta.InvalidControllerException listing every problem
   */
  public void register(Collection<? extends Class<?>> classes) {
    List<ControllerModel> models = ControllerChecks.ofAll(List.copyOf(classes));
    routes.addAll(models);
    for (ControllerModel model : models) {
      connections.addRoute(model);
      routeMetrics.put(model, metrics.addRoute(model.route().path(), model.type().getName()));
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

  /** Which identities the connections hold; null before start-up is over. */
  public Identities identities() {
    return identities;
  }

  /** The deployment's messaging. */
  public Messaging messaging() {
    return messaging;
  }

  /** The deployment's messenger. */
  public Messenger messenger() {
    return messaging.messenger();
  }

  /** The counts of a registered route. */
  RouteMetrics metricsOf(ControllerModel model) {
    return routeMetrics.get(model);
  }

  /** Everything counted so far, with the gauges of the open connections sampled now. */
  public PleziMetrics metricsSnapshot() {
    ExecutorService pool = events;
    long eventsQueued = pool == null ? 0 : Threads.queued(pool);
    Bus bus = messaging.isStarted() ? messaging.bus() : null;
    LinkState link = bus == null ? null : bus.linkState();
    return metrics.snapshot(
        sink -> {
          ChannelRegistry channels = messaging.channels();
          ConnectionSample sample = new ConnectionSample();
          for (Connection connection : connections.all()) {
            sample.clear();
            connection.sample(sample);
            sample.subscriptions(channels.countOf(connection));
            sink.connection(connection.metrics(), sample);
          }
        },
        link == null ? "local" : "redis",
        link == null ? 0 : link.reconnects(),
        eventsQueued);
  }

  /** The readiness and liveness answer, now; the Redis link as the bus's link check keeps it. */
  public PleziHealth health() {
    Bus bus = messaging.isStarted() ? messaging.bus() : null;
    LinkState link = bus == null ? null : bus.linkState();
    PleziHealth.Redis redis;
    if (bus == null) {
      redis = PleziHealth.Redis.CONNECTING;
    } else if (link == null) {
      redis = PleziHealth.Redis.NOT_CONFIGURED;
    } else {
      redis =
          switch (link.status()) {
            case CONNECTING -> PleziHealth.Redis.CONNECTING;
            case CONNECTED -> PleziHealth.Redis.CONNECTED;
            // Closed: the application is stopping, which health reports as well.
            case DISCONNECTED, CLOSED -> PleziHealth.Redis.DISCONNECTED;
          };
    }
    return PleziHealth.of(serverUuid, started, stopping.get(), redis);
  }

  WebsocketHandOff handOff() {
    return handOff;
  }

  boolean isStopping() {
    return stopping.get();
  }

  /** A new controller for a connection or request; null (after logging) if construction failed. */
  Controller newController(ControllerModel model) {
    ControllerFactory current = factory;
    try {
      Controller controller = current == null ? model.instantiate() : current.create(model.type());
      ControllerHooks.get().bindMessaging(controller, messaging.senderFor(model));
      return controller;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.log(
          Level.ERROR,
          model.type().getName()
              + ": could not be created ("
              + (current == null ? "reflection" : current)
              + ")",
          cause);
      return null;
    }
  }

  /** A controller's request or connection is over. */
  void releaseController(Controller controller) {
    ControllerFactory current = factory;
    if (current != null) {
      current.release(controller);
    }
  }

  /**
   * Start-up is over: takes the factory, settings and Redis client an integration brings (or the
   * defaults), then chooses the bus and identity store and starts messaging. Runs once, from the
   * last listener of start-up, before any request.
   *
   * @param factory makes controllers; null for the no-argument constructors
   * @param redisClient supplies the application's {@code RedissonClient}; null for none
   * @throws IllegalArgumentException when Redis is configured but cannot be used
   */
  void integrate(
      ControllerFactory factory,
      Settings settings,
      Supplier<?> redisClient,
      ServletContext context) {
    this.factory = factory;
    this.settings = settings;
    this.gate = UpgradeGate.of(settings);
    String channel = Buses.channel(settings, context);
    Bus bus = Buses.choose(settings, serverUuid, channel, redisClient);
    bus.bindMetrics(metrics.bus());
    int threads = (int) settings.get(Settings.EVENT_THREADS);
    ExecutorService pool =
        Threads.pool(
            "events",
            serverUuid,
            threads > 0 ? threads : 2 * Runtime.getRuntime().availableProcessors());
    Identities bound =
        new Identities(
            serverUuid,
            Buses.identityStore(bus, settings, channel),
            connections,
            metrics.mailboxes());
    Buses.heal(bus, bound); // the first owner of cluster state; presence next (#17)
    messaging.presence().bind(Buses.presenceStore(bus, channel, serverUuid));
    messaging.channels().bindMetrics(metrics.channels());
    metrics.sampleChannels(messaging.channelGauges());
    Buses.heal(bus, messaging.presence());
    this.events = pool;
    this.identities = bound;
    messaging
        .channels()
        .limitPerConnection((int) settings.get(Settings.CHANNELS_MAX_PER_CONNECTION));
    messaging.channels().history().configure(settings.historyRules(), bus);
    // The deployment's scheduler: the parked-upgrade sweep and the Messenger unicasts' timeouts.
    ScheduledExecutorService scheduler = Threads.scheduler("timers", serverUuid);
    messaging.start(bus, bound, pool, settings.get(Settings.UNICAST_TIMEOUT_MILLIS), scheduler);
    this.sendTimeouts =
        SendTimeouts.start(settings.get(Settings.SEND_TIMEOUT_MILLIS), serverUuid, connections);
    this.heartbeats =
        Heartbeats.start(
            settings,
            serverUuid,
            connections,
            dead ->
                closer.execute(
                    () -> disconnect(dead, CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout")));
    scheduler.scheduleWithFixedDelay(
        () -> handOff.expire(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
    this.timers = scheduler;
    this.started = true;
    if (settings.get(Settings.METRICS_JMX) == 1) {
      this.jmx =
          JmxRegistration.register(
              ManagementFactory.getPlatformMBeanServer(),
              context.getContextPath(),
              serverUuid,
              routes.routes().stream().map(m -> m.route().path()).toList(),
              this::metricsSnapshot,
              this::health);
    }
    Buses.leaveCallerThread(bus); // the deploying thread belongs to the container
  }

  /** The checks an upgrade passes before its controller is made; after start-up. */
  UpgradeGate gate() {
    return gate;
  }

  /**
   * Binds an opened websocket to its controller; the connection enters the registry when it runs
   * onOpen ({@link Connection#opened}). Container thread.
   */
  Connection connect(
      Session session,
      ControllerModel model,
      Controller controller,
      org.plezi.jakarta.internal.security.UserSnapshot user) {
    String localId = Long.toHexString(nextLocalId.incrementAndGet());
    Connection connection =
        new Connection(
            serverUuid,
            localId,
            controller,
            model,
            routeMetrics.get(model),
            session,
            settings,
            closer,
            events,
            identities,
            user);
    ControllerHooks.get().bindConnection(controller, connection);
    return connection;
  }

  /** A websocket ended: leaves the registry, then runs onClose (once). */
  void disconnect(Connection connection, int code, String reason) {
    if (connection.closed(code, reason, connections)) {
      identities.forget(connection);
      messaging.channels().leave(connection);
      messaging.presence().leave(connection);
      releaseController(connection.controller());
      gate.release(); // the place its upgrade reserved
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
      closes.add(
          CompletableFuture.runAsync(connection::shutdown, closer)
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
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "shutdown: " + e.getCause());
    }
    for (Connection connection : open) {
      disconnect(connection, CloseCodes.GOING_AWAY, "server shutting down");
    }
    JmxRegistration beans = jmx;
    if (beans != null) {
      beans.close();
    }
    SendTimeouts timeouts = sendTimeouts;
    if (timeouts != null) {
      timeouts.stop();
    }
    Heartbeats beats = heartbeats;
    if (beats != null) {
      beats.stop();
    }
    ScheduledExecutorService sweep = timers;
    if (sweep != null) {
      sweep.shutdownNow();
    }
    if (messaging.isStarted()) { // else the deployment failed before the bus was chosen
      // Every close started its removals: wait for them (bounded), then let the pools' last tasks
      // end (bounded), so that no task finds the bus gone; only then close the bus (issue 21).
      Buses.release(messaging.bus(), timeout);
      Threads.quiesce(
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout), events, closer, sweep);
      identities.store().close();
      messaging.presence().store().close();
      messaging.bus().close();
      Buses.leaveCallerThread(messaging.bus());
    } else {
      closer.shutdown();
    }
    LOG.log(
        Level.INFO,
        "Plezi server " + serverUuid + " stopped; " + open.size() + " connection(s) closed");
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

  /** What the public facade {@code Plezi} calls. */
  private static final class Door extends RuntimeHooks {
    @Override
    public void register(ServletContext context, List<Class<? extends Controller>> classes) {
      PleziRuntime.install(context).register(classes);
    }

    @Override
    public Messenger messenger(ServletContext context) {
      return of(context).messenger();
    }

    @Override
    public String serverUuid(ServletContext context) {
      return of(context).serverUuid();
    }

    @Override
    public PleziMetrics metrics(ServletContext context) {
      return of(context).metricsSnapshot();
    }

    @Override
    public PleziHealth health(ServletContext context) {
      return of(context).health();
    }
  }
}
