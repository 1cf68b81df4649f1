package org.plezi.jakarta.internal.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every library thread is a daemon named for its role and its server. */
class ThreadsTest {
  private static final String SERVER = "3b241101-e2bb-4255-8caf-4136c566a962";

  @Test
  void aPoolsThreadsAreDaemonsNamedForTheirRoleAndServer() throws Exception {
    ExecutorService pool = Threads.pool("events", SERVER, 2);
    try {
      AtomicReference<Thread> ran = new AtomicReference<>();
      pool.submit(() -> ran.set(Thread.currentThread())).get(10, TimeUnit.SECONDS);

      assertThat(ran.get().getName()).isEqualTo("plezi-events-3b241101-1");
      assertThat(ran.get().isDaemon()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSchedulerWithoutAServerIsNamedForItsRoleAlone() throws Exception {
    ScheduledExecutorService scheduler = Threads.scheduler("identity-sweeper", null);
    try {
      AtomicReference<Thread> ran = new AtomicReference<>();
      scheduler.submit(() -> ran.set(Thread.currentThread())).get(10, TimeUnit.SECONDS);

      assertThat(ran.get().getName()).isEqualTo("plezi-identity-sweeper-1");
      assertThat(ran.get().isDaemon()).isTrue();
    } finally {
      scheduler.shutdownNow();
    }
  }
}
