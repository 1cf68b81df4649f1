package org.plezi.jakarta.internal.connection;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.plezi.jakarta.internal.metrics.ConnectionSample;
import org.plezi.jakarta.internal.metrics.RouteMetrics;
import org.plezi.jakarta.internal.metrics.RouteMetrics.Drop;

/**
 * One connection's outbound frames: bounded in bytes, at most one send in flight, the next send
 * started from the previous one's completion. Offers never block and never throw; they return
 * {@code false} when the frame was not queued.
 *
 * <p>Text frames count one byte per UTF-16 char (a lower bound of their UTF-8 size, computed in
 * O(1)); binary frames count their remaining bytes. An offer that would take the queued total past
 * {@code maxBytes} drops everything queued, closes the connection with the overflow code and
 * returns {@code false}.
 *
 * <p>The queue also knows since when its frame in flight has been sending ({@link
 * #sendingLongerThan}), so that its owner can bound a send's time itself ({@link #timeOut}): asking
 * the container to time every send out costs more than the send (see {@code Connection}).
 *
 * <p>All mutable state is guarded by {@code this}; the {@link Sink} is always called without the
 * lock held. A sink may complete a send on the calling thread: the pump then loops instead of
 * recursing, so a long queue never grows the stack.
 *
 * <p>Counts (issue 19) go to the route's {@link RouteMetrics}: frames sent and their sizes on
 * completion, and the frames a shut drops with its reason; adds to {@code LongAdder}s, made outside
 * the monitor where the count is known only inside it.
 */
public final class OutboundQueue {
  /** Where frames go. Implementations must call {@code done} exactly once per send. */
  public interface Sink {
    /** Starts sending a text frame; {@code done} receives null on success or the failure. */
    void sendText(String text, Consumer<Throwable> done);

    /** Starts sending a binary frame; {@code done} receives null on success or the failure. */
    void sendBinary(ByteBuffer data, Consumer<Throwable> done);

    /** Closes the connection; called at most once, may block, so it should hand off if it does. */
    void close(int code, String reason);
  }

  /** A queued frame: a String, a ByteBuffer, or a close request (payload null). */
  private static final class Frame {
    final Object payload;
    final long size;
    final int closeCode;
    final String closeReason;

    /** Whether the sink's send call has returned; guarded by the queue. */
    boolean sendReturned;

    /** Whether done was called before the send call returned; guarded by the queue. */
    boolean doneEarly;

    Frame(Object payload, long size, int closeCode, String closeReason) {
      this.payload = payload;
      this.size = size;
      this.closeCode = closeCode;
      this.closeReason = closeReason;
    }
  }

  private final Sink sink;
  private final long maxBytes;
  private final int overflowCode;

  /** Where sends and drops are counted. */
  private final RouteMetrics metrics;

  /** Whether the route counts: with metrics off the queue keeps no tally either. */
  private final boolean counting;

  /** Frames waiting for their turn, oldest first. */
  private final ArrayDeque<Frame> pending = new ArrayDeque<>();

  /** Bytes of the frames pending plus the one in flight. */
  private long queuedBytes;

  /** The frame being sent, or null when idle. */
  private Frame inFlight;

  /** {@link System#nanoTime()} when the frame in flight was handed to the sink. */
  private long inFlightSince;

  /** No more frames are accepted: a close was queued, the queue overflowed, or a send failed. */
  private boolean shut;

  /** Whether sink.close has been (or is about to be) called. */
  private boolean closeCalled;

  /** Open {@link #hold()}s: frames offered meanwhile wait, none is handed to the sink. */
  private int held;

  /**
   * Frames sent, and their bytes, not yet in the route's counts. Kept here under the queue's lock,
   * which every completion holds anyway, instead of two atomic adds to the route's shared adders
   * per delivery (issue 19: about 4% of a delivery's CPU, measured by FanoutMetricsBenchmark). A
   * snapshot adds them from the open connections ({@link #sample}); {@link #terminate} folds them
   * into the route's counts, after which each send is counted there directly.
   */
  private long unfoldedFrames;

  private long unfoldedBytes;

  /** The tallies went into the route's counts (the connection ended). */
  private boolean folded;

  public OutboundQueue(Sink sink, long maxBytes, int overflowCode) {
    this(sink, maxBytes, overflowCode, RouteMetrics.standalone("", false));
  }

  /** As {@link #OutboundQueue(Sink, long, int)}, counting into a route's metrics. */
  public OutboundQueue(Sink sink, long maxBytes, int overflowCode, RouteMetrics metrics) {
    this.metrics = metrics;
    this.counting = metrics.enabled();
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    this.sink = sink;
    this.maxBytes = maxBytes;
    this.overflowCode = overflowCode;
  }

  /** Queues a text frame; false if shut or overflowing (which closes the connection). */
  public boolean offerText(String text) {
    return offer(new Frame(text, text.length(), 0, null));
  }

  /** Queues a binary frame; the buffer must not change afterwards. */
  public boolean offerBinary(ByteBuffer data) {
    return offer(new Frame(data, data.remaining(), 0, null));
  }

  /**
   * Queues a close after the frames already queued; later offers return false. A second close, or a
   * close after overflow, does nothing.
   */
  public void offerClose(int code, String reason) {
    offer(new Frame(null, 0, code, reason == null ? "" : reason));
  }

  /**
   * The connection is gone (closed by the peer or the container): drops what is queued and refuses
   * further frames, without calling the sink.
   */
  public void terminate() {
    int dropped;
    synchronized (this) {
      shut = true;
      closeCalled = true;
      dropped = clearPending();
      if (!folded) {
        // Under the lock, so that a snapshot's sample() sees either the tallies or the fold.
        folded = true;
        metrics.messagesOut(unfoldedFrames, unfoldedBytes);
        unfoldedFrames = 0;
        unfoldedBytes = 0;
      }
    }
    metrics.dropped(Drop.CLOSED, dropped);
  }

  /**
   * Fills in what a metrics snapshot reads of this queue, at one instant: the bytes queued and the
   * frames and bytes sent that are not yet in the route's counts.
   */
  public synchronized void sample(ConnectionSample sample) {
    sample.queue(queuedBytes, unfoldedFrames, unfoldedBytes);
  }

  /**
   * Whether a data frame has been in flight for more than {@code limitNanos} at {@code nowNanos}
   * (both from {@link System#nanoTime()}): the peer stopped reading, or the network stalled.
   */
  public synchronized boolean sendingLongerThan(long limitNanos, long nowNanos) {
    return !closeCalled
        && inFlight != null
        && inFlight.payload != null
        && nowNanos - inFlightSince > limitNanos;
  }

  /**
   * Gives up on a send that takes too long: drops what is queued, refuses further frames and closes
   * the connection with 1011, as a failed send does. Does nothing once a close was made.
   */
  public void timeOut() {
    int dropped;
    synchronized (this) {
      if (closeCalled) {
        return;
      }
      shut = true;
      closeCalled = true;
      dropped = clearPending();
    }
    metrics.sendTimeout();
    metrics.dropped(Drop.SEND_TIMEOUT, dropped + 1); // the frame in flight is given up too
    sink.close(1011, "send timed out");
  }

  /**
   * Gives up on a peer that stopped answering (issue 18): drops what is queued, refuses further
   * frames and closes with {@code code} at once, as {@link #timeOut} does.
   *
   * @return false when a close was already made
   */
  public boolean abandon(int code, String reason) {
    int dropped;
    synchronized (this) {
      if (closeCalled) {
        return false;
      }
      shut = true;
      closeCalled = true;
      dropped = clearPending() + (inFlight != null && inFlight.payload != null ? 1 : 0);
    }
    metrics.dropped(Drop.CLOSED, dropped);
    sink.close(code, reason);
    return true;
  }

  /** Whether a frame is being sent now (a ping then waits behind it in the container). */
  public synchronized boolean isSending() {
    return inFlight != null;
  }

  /** Bytes queued, including the frame in flight. */
  public synchronized long queuedBytes() {
    return queuedBytes;
  }

  /** Whether the queue still accepts frames. */
  public synchronized boolean isAccepting() {
    return !shut;
  }

  /**
   * Until the matching {@link #release()}, frames offered wait in the queue and none is handed to
   * the sink (the frame already in flight goes on). A server-confirmed mail's writes are held until
   * the store has counted the mail delivered, so that a client never sees a message that its next
   * connection could get again. Holds nest; the thread that holds must release, in a finally.
   */
  public void hold() {
    synchronized (this) {
      held++;
    }
  }

  /** Ends a {@link #hold()}: the last one starts the frames that waited for it. */
  public void release() {
    Frame first;
    synchronized (this) {
      if (held == 0) {
        throw new IllegalStateException("release without hold");
      }
      held--;
      if (held > 0 || inFlight != null) {
        return;
      }
      first = pending.poll();
      if (first == null) {
        return;
      }
      inFlight = first;
      inFlightSince = System.nanoTime();
    }
    pump(first);
  }

  private boolean offer(Frame frame) {
    Frame first;
    int dropped = 0;
    synchronized (this) {
      if (shut) {
        return false;
      }
      if (queuedBytes + frame.size > maxBytes) {
        first = null;
        shut = true;
        closeCalled = true;
        dropped = clearPending() + 1; // the offered frame
      } else {
        shut = frame.payload == null;
        queuedBytes += frame.size;
        if (inFlight != null || held > 0) {
          pending.add(frame);
          return true;
        }
        inFlight = frame; // idle means nothing is pending either: this caller starts the pump
        inFlightSince = System.nanoTime();
        first = frame;
      }
    }
    if (first == null) {
      metrics.outboundOverflow();
      metrics.dropped(Drop.OUTBOUND_OVERFLOW, dropped);
      sink.close(overflowCode, "outbound queue overflow");
      return false;
    }
    pump(first);
    return true;
  }

  /** Sends {@code frame} (already in flight) and then the next ones while sends complete inline. */
  private void pump(Frame frame) {
    assert !Thread.holdsLock(this) : "the sink is called without the queue's lock";
    while (frame != null) {
      if (frame.payload == null) {
        boolean call;
        synchronized (this) {
          call = !closeCalled;
          closeCalled = true;
          inFlight = null;
          queuedBytes = 0;
        }
        if (call) {
          sink.close(frame.closeCode, frame.closeReason);
        }
        return;
      }
      Frame sent = frame;
      try {
        if (sent.payload instanceof String text) {
          sink.sendText(text, failure -> completed(sent, failure));
        } else {
          sink.sendBinary(((ByteBuffer) sent.payload).duplicate(), f -> completed(sent, f));
        }
      } catch (RuntimeException e) {
        completed(sent, e);
      }
      synchronized (this) {
        sent.sendReturned = true;
        if (!sent.doneEarly) {
          return; // the completion comes later, on another thread, and continues the pump
        }
        frame = advance(sent);
      }
    }
  }

  private void completed(Frame sent, Throwable failure) {
    Frame next = null;
    boolean closeAfterFailure = false;
    boolean countInRoute = false;
    int dropped = 0;
    synchronized (this) {
      if (failure != null) {
        shut = true;
        closeAfterFailure = !closeCalled;
        closeCalled = true;
        // The frame that failed, unless a timeout or terminate already gave the queue up.
        dropped = clearPending() + (closeAfterFailure ? 1 : 0);
      } else if (folded) {
        countInRoute = counting; // a send that completes after the connection ended
      } else if (counting) {
        unfoldedFrames++;
        unfoldedBytes += sent.size;
      }
      if (!sent.sendReturned) {
        sent.doneEarly = true; // the pump loop still inside send() takes the next frame
      } else {
        next = advance(sent);
      }
    }
    if (countInRoute) {
      metrics.messageOut(sent.size);
    } else if (failure != null) {
      if (closeAfterFailure) {
        metrics.sendFailure();
      }
      metrics.dropped(Drop.SEND_FAILED, dropped);
    }
    if (closeAfterFailure) {
      sink.close(1011, "send failed");
    }
    pump(next);
  }

  /**
   * Drops the pending frames (not the one in flight, which the sink still owns); guarded by this.
   *
   * @return how many data frames were dropped
   */
  private int clearPending() {
    int frames = 0;
    for (Frame frame : pending) {
      if (frame.payload != null) {
        frames++;
      }
    }
    pending.clear();
    queuedBytes = inFlight == null ? 0 : inFlight.size;
    return frames;
  }

  /**
   * Retires {@code sent} and makes the next pending frame the one in flight (none while held: the
   * last {@link #release()} starts it); guarded by this.
   */
  private Frame advance(Frame sent) {
    if (inFlight != sent) {
      return null;
    }
    queuedBytes = Math.max(0, queuedBytes - sent.size);
    inFlight = held > 0 ? null : pending.poll();
    if (inFlight != null) {
      inFlightSince = System.nanoTime();
    }
    return inFlight;
  }
}
