package org.plezi.jakarta.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.internal.connection.BenchSessions;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.metrics.ConnectionSample;
import org.plezi.jakarta.internal.metrics.RouteMetrics;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * Events from the server and frames sent are tallied by each connection and folded into its route
 * when it ends (issue 19): a snapshot counts each once, before and after the end.
 */
class ServerEventTallyTest {
  /** Echoes each event; "boom" throws. */
  public static class Echo extends Controller {
    @Event
    void say(String text) {
      write(text);
    }

    @Event
    void boom(String text) {
      throw new IllegalStateException("boom " + text);
    }

    @Override
    protected void onMessage(String text) {}
  }

  private final RouteMetrics metrics = RouteMetrics.standalone("/echo", true);
  private final ConnectionRegistry registry = new ConnectionRegistry();
  private final List<Connection> open = new ArrayList<>();
  private final List<String> sent = new ArrayList<>();

  private Messenger connect(int connections) throws ReflectiveOperationException {
    ControllerModel model = BenchSessions.model(Echo.class);
    registry.addRoute(model);
    for (int i = 1; i <= connections; i++) {
      Connection connection =
          BenchSessions.connect(model, "c" + i, sent::add, Runnable::run, metrics);
      registry.add(connection);
      open.add(connection);
    }
    return BenchSessions.messaging(registry, Runnable::run).messenger();
  }

  /** A snapshot as the runtime takes it: the route's counts, then each open connection's part. */
  private PleziMetrics.Route snapshot() {
    RouteMetrics.Gauges gauges = metrics.newGauges();
    ConnectionSample sample = new ConnectionSample();
    for (Connection connection : registry.all()) {
      sample.clear();
      connection.sample(sample);
      gauges.add(sample);
    }
    return metrics.snapshot(gauges);
  }

  @Test
  void serverEventsCountOnceWhileOpenAndAfterTheConnectionsEnd() throws Exception {
    Messenger messenger = connect(3);
    messenger.broadcast(Echo.class, "say", "hi");
    messenger.broadcast(Echo.class, "say", "ho");
    assertThat(sent).hasSize(6);
    assertThat(snapshot().events().dispatched()).containsEntry("server", 6L);
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(6);

    open.get(0).closed(1000, "", registry);
    assertThat(snapshot().events().dispatched()).containsEntry("server", 6L);
    messenger.broadcast(Echo.class, "say", "again"); // reaches the two left
    assertThat(snapshot().events().dispatched()).containsEntry("server", 8L);
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(8);
    assertThat(snapshot().traffic().bytesOut()).isEqualTo(6 * 2 + 2 * 5);

    open.get(1).closed(1000, "", registry);
    open.get(2).closed(1000, "", registry);
    assertThat(snapshot().events().dispatched()).containsEntry("server", 8L);
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(8);
  }

  @Test
  void anEventThatThrowsCountsAsDispatchedAndFailed() throws Exception {
    Messenger messenger = connect(2);
    messenger.broadcast(Echo.class, "say", "x");
    messenger.broadcast(Echo.class, "boom", "x");
    PleziMetrics.Events events = snapshot().events();
    assertThat(events.dispatched()).containsEntry("server", 4L).containsEntry("client", 0L);
    assertThat(events.failed()).containsEntry("server", 2L);
  }

  @Test
  void aConnectionEndingBetweenTheCountsAndTheWalkIsNotCountedTwice() throws Exception {
    Messenger messenger = connect(2);
    messenger.broadcast(Echo.class, "say", "x");
    assertThat(snapshot().events().dispatched()).containsEntry("server", 2L);
    messenger.broadcast(Echo.class, "say", "y");

    RouteMetrics.Gauges gauges = metrics.newGauges(); // 0 folded
    open.get(0).closed(1000, "", registry); // folds 2, leaves the registry
    ConnectionSample sample = new ConnectionSample();
    for (Connection connection : registry.all()) {
      sample.clear();
      connection.sample(sample);
      gauges.add(sample);
    }
    // In neither part for this snapshot: reported as the previous total, never lower.
    assertThat(metrics.snapshot(gauges).events().dispatched()).containsEntry("server", 2L);
    assertThat(snapshot().events().dispatched()).containsEntry("server", 4L);
  }
}
