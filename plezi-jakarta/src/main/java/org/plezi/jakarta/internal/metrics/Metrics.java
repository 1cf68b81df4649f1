package org.plezi.jakarta.internal.metrics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.plezi.jakarta.PleziMetrics;

/**
 * Every count of one deployment: per route ({@link RouteMetrics}, made at start-up), the bus, the
 * mailboxes and failed unicasts. Writers keep the part they count in a field; readers take a {@link
 * #snapshot}. Thread-safe.
 */
public final class Metrics {
  /** What a snapshot needs from the live deployment: the gauges of its open connections. */
  public interface Sampler {
    /**
     * Adds each open connection's queues and channel subscriptions to its route's gauges.
     *
     * @param sink receives each connection's route, outbound queued bytes, inbox size and number of
     *     channels subscribed
     */
    void sample(GaugeSink sink);
  }

  /** Receives one open connection's gauges. */
  public interface GaugeSink {
    /** {@code sample} is only valid during the call. */
    void connection(RouteMetrics route, ConnectionSample sample);
  }

  private final boolean enabled;
  private final String serverUuid;
  private final Clock clock;
  private final List<RouteMetrics> routes = new CopyOnWriteArrayList<>();
  private final BusMetrics bus;
  private final MailboxMetrics mailboxes;
  private final Counter unicastsFailed;
  private final ChannelMetrics channels;

  /** The channel sizes a snapshot samples (issue 17); null until the runtime binds them. */
  private volatile ChannelMetrics.Gauges channelGauges;

  /**
   * @param enabled {@code plezi.metrics.enabled}: when false nothing is counted
   * @param clock the wall clock (latencies, snapshot times)
   */
  public Metrics(boolean enabled, String serverUuid, Clock clock) {
    this.enabled = enabled;
    this.serverUuid = serverUuid;
    this.clock = clock;
    this.bus = new BusMetrics(enabled, clock);
    this.mailboxes = new MailboxMetrics(enabled);
    this.unicastsFailed = new Counter(enabled);
    this.channels = new ChannelMetrics(enabled);
  }

  /** Channel messages published, received and delivered (issue 17). */
  public ChannelMetrics channels() {
    return channels;
  }

  /** Where a snapshot samples the channel sizes; once, at start-up. */
  public void sampleChannels(ChannelMetrics.Gauges gauges) {
    this.channelGauges = gauges;
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * The counts of a newly registered route; at start-up, once per route.
   *
   * @param route the path template
   * @param controller the controller class's name
   */
  public RouteMetrics addRoute(String route, String controller) {
    RouteMetrics metrics = new RouteMetrics(route, controller, enabled);
    routes.add(metrics);
    return metrics;
  }

  public BusMetrics bus() {
    return bus;
  }

  public MailboxMetrics mailboxes() {
    return mailboxes;
  }

  /** The counter of failed unicasts, for messaging to keep in a field. */
  public Counter unicastsFailedCounter() {
    return unicastsFailed;
  }

  /** A unicast's target was gone. */
  public void unicastFailed() {
    unicastsFailed.increment();
  }

  /**
   * Everything counted so far, with the gauges sampled now.
   *
   * @param sampler visits the open connections (null: none)
   * @param busType {@code local} or {@code redis}
   * @param reconnects the Redis link's reconnects, from the bus's link state (0 without Redis)
   * @param eventsQueued tasks waiting for the events pool
   */
  public PleziMetrics snapshot(
      Sampler sampler, String busType, long reconnects, long eventsQueued) {
    Map<RouteMetrics, RouteMetrics.Gauges> gauges = new LinkedHashMap<>();
    for (RouteMetrics route : routes) {
      gauges.put(route, route.newGauges());
    }
    if (sampler != null) {
      sampler.sample(
          (route, sample) -> {
            RouteMetrics.Gauges g = gauges.get(route);
            if (g != null) {
              g.add(sample);
            }
          });
    }
    Map<String, PleziMetrics.Route> byRoute = new LinkedHashMap<>();
    gauges.forEach((route, g) -> byRoute.put(route.route(), route.snapshot(g)));
    return new PleziMetrics(
        enabled,
        serverUuid,
        clock.instant(),
        byRoute,
        bus.snapshot(busType, reconnects),
        mailboxes.snapshot(),
        unicastsFailed.sum(),
        eventsQueued,
        channels.snapshot(channelGauges));
  }
}
