package org.plezi.jakarta.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.model.ControllerModel;
import org.plezi.jakarta.testing.TestServer;

/**
 * An upgrade parked for a websocket that never opened (its client vanished after the 101) is
 * released by the sweep once it is older than the expiry: its controller and its connection place,
 * so that the limit is not eaten by abandoned handshakes. The sweep is called with a clock of the
 * test's choosing instead of waiting 10 s.
 */
@Timeout(60)
class ParkedUpgradeSweepIT {
  @Route("/parked")
  public static class Parked extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Test
  void anAbandonedParkedUpgradeIsReleasedAfterTheExpiryAndNotBefore() {
    try (TestServer server = TestServer.start(Map.of("plezi.connections.max", "1"), Parked.class)) {
      PleziRuntime runtime =
          (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
      ControllerModel model = runtime.routes().routes().get(0);
      UpgradeGate gate = runtime.gate();
      assertThat(gate.tryReserve()).isTrue();
      assertThat(gate.tryReserve()).as("the one place is taken").isFalse();
      Controller controller = runtime.newController(model);
      long parkedAt = System.nanoTime();
      runtime.handOff().park(new EndpointAdapter(runtime, model, controller, null), controller);
      assertThat(runtime.handOff().parkedCount()).isEqualTo(1);

      assertThat(runtime.handOff().expire(parkedAt)).as("too young").isZero();
      assertThat(runtime.handOff().parkedCount()).isEqualTo(1);

      long later = System.nanoTime() + WebsocketHandOff.EXPIRY_NANOS + 1;
      assertThat(runtime.handOff().expire(later)).isEqualTo(1);
      assertThat(runtime.handOff().parkedCount()).isZero();
      assertThat(gate.reserved()).isZero();
      assertThat(gate.tryReserve()).as("the place is free again").isTrue();
      gate.release();
    }
  }
}
