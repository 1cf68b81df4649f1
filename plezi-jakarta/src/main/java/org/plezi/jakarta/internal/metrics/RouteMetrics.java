package org.plezi.jakarta.internal.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.plezi.jakarta.PleziMetrics;

/**
 * The counts of one route, made when the route is registered; each connection keeps its route's
 * instance, so counting on the hot path is a field read and a {@code LongAdder} add. Thread-safe.
 */
public final class RouteMetrics {
  /** Why an upgrade request was refused. */
  public enum Refusal implements EnumCounters.Tagged {
    /** 403: a {@code show} path, a controller without websockets, or not a GET. */
    NOT_WEBSOCKET("not_websocket"),
    /** 503: the application is being undeployed. */
    STOPPING("stopping"),
    /** {@code preConnect} returned false. */
    PRE_CONNECT("pre_connect"),
    /** 400/426: a malformed websocket handshake (issue 16's check). */
    BAD_HANDSHAKE("bad_handshake"),
    /** 403: the Origin is not allowed (issue 16's origin policy). */
    ORIGIN("origin"),
    /** 503: {@code plezi.connections.max} reached (issue 16's limit). */
    LIMIT("limit"),
    /** The controller could not be made, {@code preConnect} threw, or the upgrade failed. */
    ERROR("error");

    private final String tag;

    Refusal(String tag) {
      this.tag = tag;
    }

    @Override
    public String tag() {
      return tag;
    }
  }

  /** Why frames or events never reached their connection. */
  public enum Drop implements EnumCounters.Tagged {
    OUTBOUND_OVERFLOW("outbound_overflow"),
    SEND_TIMEOUT("send_timeout"),
    SEND_FAILED("send_failed"),
    /** Frames in the outbound queue, or events in (or handed to) the inbox, when it closed. */
    CLOSED("closed"),
    INBOX_OVERFLOW("inbox_overflow");

    private final String tag;

    Drop(String tag) {
      this.tag = tag;
    }

    @Override
    public String tag() {
      return tag;
    }
  }

  /** Who called an event method. */
  public enum Source implements EnumCounters.Tagged {
    /** The connection's own client (JSON auto-dispatch). */
    CLIENT("client"),
    /** Other connections, the bus, identity mailboxes. */
    SERVER("server");

    private final String tag;

    Source(String tag) {
      this.tag = tag;
    }

    @Override
    public String tag() {
      return tag;
    }
  }

  /** Why a message called no event method. */
  public enum Rejection implements EnumCounters.Tagged {
    BAD_REQUEST("bad_request"),
    NOT_FOUND("not_found"),
    /** The caller may not call it: a client, a server-only event, or the reverse. */
    NOT_CALLABLE("not_callable"),
    NO_METHOD("no_method"),
    BAD_ARGUMENTS("bad_arguments");

    private final String tag;

    Rejection(String tag) {
      this.tag = tag;
    }

    @Override
    public String tag() {
      return tag;
    }
  }

  private final String route;
  private final String controller;
  private final boolean enabled;

  /**
   * The largest frames-out and bytes-out totals reported so far: a connection that ends between a
   * snapshot's read of the counts and its walk of the open connections is in neither for that
   * snapshot, so each total is reported as at least what an earlier snapshot said (never lower).
   */
  private final AtomicLong framesOutReported = new AtomicLong();

  private final AtomicLong bytesOutReported = new AtomicLong();

  private final AtomicLong serverEventsReported = new AtomicLong();

  /** Open now: +1 on open, -1 on close. */
  private final Counter connections;

  private final Counter opened;
  private final EnumCounters<Refusal> refused;
  private final CodeCounters closes;
  private final Counter messagesIn;
  private final Counter bytesIn;
  private final Counter messagesOut;
  private final Counter bytesOut;
  private final EnumCounters<Drop> dropped;
  private final Counter outboundOverflows;
  private final Counter sendTimeouts;
  private final Counter sendFailures;
  private final Counter inboxOverflows;
  private final EnumCounters<Source> dispatched;
  private final EnumCounters<Source> failed;
  private final EnumCounters<Rejection> rejected;

  RouteMetrics(String route, String controller, boolean enabled) {
    this.route = route;
    this.controller = controller;
    this.enabled = enabled;
    this.connections = new Counter(enabled);
    this.opened = new Counter(enabled);
    this.refused = new EnumCounters<>(Refusal.class, enabled);
    this.closes = new CodeCounters(enabled);
    this.messagesIn = new Counter(enabled);
    this.bytesIn = new Counter(enabled);
    this.messagesOut = new Counter(enabled);
    this.bytesOut = new Counter(enabled);
    this.dropped = new EnumCounters<>(Drop.class, enabled);
    this.outboundOverflows = new Counter(enabled);
    this.sendTimeouts = new Counter(enabled);
    this.sendFailures = new Counter(enabled);
    this.inboxOverflows = new Counter(enabled);
    this.dispatched = new EnumCounters<>(Source.class, enabled);
    this.failed = new EnumCounters<>(Source.class, enabled);
    this.rejected = new EnumCounters<>(Rejection.class, enabled);
  }

  /** A route's counts outside a deployment (tests, benchmarks). */
  public static RouteMetrics standalone(String route, boolean enabled) {
    return new RouteMetrics(route, route, enabled);
  }

  /** Whether this route counts ({@code plezi.metrics.enabled}); connections tally only then. */
  public boolean enabled() {
    return enabled;
  }

  public String route() {
    return route;
  }

  /** A websocket opened (its upgrade was accepted). */
  public void opened() {
    opened.increment();
    connections.increment();
  }

  /** A websocket that {@link #opened} closed with {@code code}; once per connection. */
  public void closed(int code) {
    connections.decrement();
    closes.increment(code);
  }

  public void refused(Refusal reason) {
    refused.increment(reason);
  }

  public void messageIn(long size) {
    messagesIn.increment();
    bytesIn.add(size);
  }

  /**
   * One frame sent. The outbound queue of an open connection keeps its own tally instead, which a
   * snapshot adds from the connections it walks ({@link Gauges#add(long, long, long, long, long)}).
   */
  public void messageOut(long size) {
    messagesOut.increment();
    bytesOut.add(size);
  }

  /** {@code frames} frames of {@code bytes} bytes in all sent: a connection's tally, folded. */
  public void messagesOut(long frames, long bytes) {
    if (frames > 0) {
      messagesOut.add(frames);
      bytesOut.add(bytes);
    }
  }

  /** {@code events} events from the server ran without throwing: a connection's tally, folded. */
  public void dispatchedFromServer(long events) {
    if (events > 0) {
      dispatched.add(Source.SERVER, events);
    }
  }

  /**
   * Gauges for a snapshot of this route, holding the counts that open connections also tally
   * (frames and bytes sent, events from the server), read before the connections are walked, so
   * that a tally folded in between is not counted twice.
   */
  public Gauges newGauges() {
    Gauges g = new Gauges();
    g.framesOut = messagesOut.sum();
    g.bytesOut = bytesOut.sum();
    g.serverEvents = dispatched.sum(Source.SERVER);
    return g;
  }

  public void dropped(Drop reason, long frames) {
    if (frames > 0) {
      dropped.add(reason, frames);
    }
  }

  public void outboundOverflow() {
    outboundOverflows.increment();
  }

  public void sendTimeout() {
    sendTimeouts.increment();
  }

  public void sendFailure() {
    sendFailures.increment();
  }

  public void inboxOverflow() {
    inboxOverflows.increment();
  }

  /** An event method ran; {@code ok} false when it threw. */
  public void dispatched(Source source, boolean ok) {
    dispatched.increment(source);
    if (!ok) {
      failed.increment(source);
    }
  }

  public void rejected(Rejection reason) {
    rejected.increment(reason);
  }

  /** Open connections counted; exact once the opens and closes have returned. */
  public long connections() {
    return connections.sum();
  }

  /**
   * The route's counts with the gauges the caller sampled from its open connections.
   *
   * @param gauges this route's queue gauges, or null for zeros
   */
  public PleziMetrics.Route snapshot(Gauges gauges) {
    Gauges g = gauges == null ? newGauges() : gauges;
    long framesOut = enabled ? framesOutReported.accumulateAndGet(g.framesOut, Math::max) : 0;
    long bytesOut = enabled ? bytesOutReported.accumulateAndGet(g.bytesOut, Math::max) : 0;
    Map<String, Long> dispatchedNow = new LinkedHashMap<>(dispatched.snapshot());
    if (enabled) {
      dispatchedNow.put(
          Source.SERVER.tag(), serverEventsReported.accumulateAndGet(g.serverEvents, Math::max));
    }
    return new PleziMetrics.Route(
        route,
        controller,
        connections.sum(),
        opened.sum(),
        new PleziMetrics.Handshakes(opened.sum(), refused.snapshot()),
        closes.snapshot(),
        new PleziMetrics.Traffic(
            messagesIn.sum(), bytesIn.sum(), framesOut, bytesOut, dropped.snapshot()),
        new PleziMetrics.Queues(
            g.outboundBytes,
            g.largestOutboundBytes,
            outboundOverflows.sum(),
            sendTimeouts.sum(),
            sendFailures.sum(),
            g.inboxQueued,
            inboxOverflows.sum()),
        new PleziMetrics.Events(
            Collections.unmodifiableMap(dispatchedNow), failed.snapshot(), rejected.snapshot()),
        g.channelSubscriptions);
  }

  /**
   * Queue gauges summed over a route's open connections while a snapshot is taken, and the counts
   * open connections also tally (the route's counts, from {@link #newGauges}, plus each
   * connection's tally).
   */
  public static final class Gauges {
    private long outboundBytes;
    private long largestOutboundBytes;
    private long inboxQueued;
    private long channelSubscriptions;
    private long framesOut;
    private long bytesOut;

    private long serverEvents;

    /**
     * Adds one open connection's queues, channel subscriptions and what it counted that the route's
     * counts do not hold yet.
     */
    public void add(ConnectionSample sample) {
      outboundBytes += sample.queuedBytes;
      largestOutboundBytes = Math.max(largestOutboundBytes, sample.queuedBytes);
      inboxQueued += sample.inboxSize;
      channelSubscriptions += sample.subscriptions;
      framesOut += sample.framesSent;
      bytesOut += sample.bytesSent;
      serverEvents += sample.serverEvents;
    }
  }
}
