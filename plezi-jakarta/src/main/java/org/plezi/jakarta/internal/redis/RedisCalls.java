package org.plezi.jakarta.internal.redis;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.InternalThreadLocalMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.plezi.jakarta.internal.base.RateLimitedLog;
import org.plezi.jakarta.internal.bus.Healer;
import org.plezi.jakarta.internal.bus.Outage;
import org.redisson.RedissonShutdownException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;

/**
 * The one way the library calls Redis, so that every failure keeps one contract: a Redisson
 * exception never reaches the caller, an {@link IllegalStateException} does (its cause the Redisson
 * one); a failure that means Redis cannot be reached starts an {@link Outage}, logged once, and
 * asks for a link check; during the outage calls fail at once instead of holding the caller's
 * thread for Redisson's timeout and retries (measured: 4.6 to 6 s per call). Any other refusal (out
 * of memory, read-only replica, a script error) is logged rate-limited.
 *
 * <p>A Redisson call made on a thread that is not Netty's leaves Netty's {@code
 * InternalThreadLocalMap} in a {@code ThreadLocal} of that thread, which Tomcat reports at undeploy
 * and which pins the application's class loader to a container thread. When the call created it, it
 * is removed after the call (measured: about 2.5 µs per call; a Redis round trip is 50 to 100 µs).
 * Threads that die with the application are spared ({@code ownThread}).
 */
public final class RedisCalls {
  private final Outage outage;
  private final Runnable checkSoon;
  private final Predicate<Thread> ownThread;
  private final RateLimitedLog refusals;

  /** Set once the bus is closing: calls are refused without a log line. */
  private volatile boolean closed;

  /**
   * @param checkSoon asks for a link check now (after a failure, so that an outage that was only a
   *     slow answer ends after one round trip)
   * @param ownThread threads that end with the application, which need no ThreadLocal clean-up
   */
  public RedisCalls(
      Outage outage, Runnable checkSoon, Predicate<Thread> ownThread, System.Logger log) {
    this.outage = outage;
    this.checkSoon = checkSoon;
    this.ownThread = ownThread;
    this.refusals = new RateLimitedLog(log);
  }

  /**
   * Runs a blocking Redis call.
   *
   * @throws IllegalStateException when Redis cannot be reached or refused the call, or the bus is
   *     closed
   */
  public <T> T call(Supplier<T> operation) {
    refuseIfDown();
    boolean clean = needsCleanUp();
    try {
      return operation.get();
    } catch (RedisException e) {
      throw translate(e);
    } finally {
      if (clean) {
        FastThreadLocal.removeAll();
      }
    }
  }

  /**
   * Starts an asynchronous Redis call. Never throws: every failure, a refusal during an outage
   * included, completes the stage with an {@link IllegalStateException}.
   */
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> operation) {
    return callAsync(operation, true);
  }

  /**
   * As {@link #callAsync(Supplier)}, but tried even during an outage: for publishes, which never
   * block their caller and which Redisson sends as soon as it has reconnected (the link check may
   * end this server's outage a little after Redis is back, and a unicast's answer sent meanwhile
   * must not be lost). Failures still keep the contract and count in the outage.
   */
  public <T> CompletableFuture<T> publishAsync(Supplier<? extends CompletionStage<T>> operation) {
    return callAsync(operation, false);
  }

  private <T> CompletableFuture<T> callAsync(
      Supplier<? extends CompletionStage<T>> operation, boolean failFast) {
    boolean clean = needsCleanUp();
    CompletableFuture<T> started;
    try {
      if (failFast || closed) {
        refuseIfDown();
      }
      started = operation.get().toCompletableFuture();
    } catch (RedisException e) {
      return CompletableFuture.failedFuture(translate(e));
    } catch (IllegalStateException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      if (clean) {
        FastThreadLocal.removeAll();
      }
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    started.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
          } else {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            result.completeExceptionally(
                cause instanceof RedisException redis ? translate(redis) : cause);
          }
        });
    return result;
  }

  /**
   * Runs {@code operation}, which starts Redisson calls outside this class's contract (a channel's
   * subscription, which Redisson places and restores by itself), and then removes the Netty
   * thread-local map they leave on a container's thread, as every call here does: left there, it
   * holds the application's class loader after undeploy.
   */
  public void withoutThreadLocals(Runnable operation) {
    boolean clean = needsCleanUp();
    try {
      operation.run();
    } finally {
      if (clean) {
        FastThreadLocal.removeAll();
      }
    }
  }

  /** The bus is closing: from now on every call is refused, quietly. */
  public void close() {
    closed = true;
  }

  public boolean isClosed() {
    return closed;
  }

  private void refuseIfDown() {
    if (closed) {
      throw new Outage.Unavailable("Plezi: the application is stopping; Redis is closed", null);
    }
    if (outage.isDown()) {
      throw outage.unavailable(null);
    }
  }

  private IllegalStateException translate(RedisException failure) {
    if (closed) {
      return new Outage.Unavailable("Plezi: the application is stopping; Redis is closed", failure);
    }
    if (isUnreachable(failure)) {
      outage.failed(Healer.reason(failure));
      checkSoon.run();
      return outage.unavailable(failure);
    }
    String reason = Healer.reason(failure);
    refusals.warn("Redis refused an operation: " + reason);
    return new IllegalStateException("Plezi: Redis refused the operation: " + reason, failure);
  }

  /** Whether a failure means that Redis cannot serve now (as opposed to refusing one command). */
  static boolean isUnreachable(RedisException failure) {
    return failure instanceof RedisConnectionException
        || failure instanceof RedisTimeoutException
        || failure instanceof RedisRetryException // LOADING, BUSY, CLUSTERDOWN, MASTERDOWN...
        || failure instanceof RedissonShutdownException
        || failure instanceof RedisReconnectedException
        || failure instanceof RedisNodeNotFoundException;
  }

  private boolean needsCleanUp() {
    Thread current = Thread.currentThread();
    return !(current instanceof FastThreadLocalThread)
        && !ownThread.test(current)
        && InternalThreadLocalMap.getIfSet() == null;
  }
}
