package org.plezi.jakarta.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.event.ControllerMethods;

class AutoDispatchModelTest {
  @AutoDispatch
  @Route("/auto")
  public static class EventsOnly extends Controller {
    @Event
    void hello() {}
  }

  @Route("/auto-child")
  public static class InheritsAutoDispatch extends EventsOnly {}

  @Route("/plain")
  public static class Plain extends Controller {
    /** Fits no JSON binding: fine, messaging may call it. */
    @Event
    void move(int x, int y) {}
  }

  @AutoDispatch
  @Route("/both")
  public static class AlsoOnMessage extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @AutoDispatch
  @Route("/static")
  public static class StaticEvent extends Controller {
    @Event
    static void shared() {}
  }

  @Route("/bad-unknown")
  public static class WrongUnknown extends Controller {
    protected String unknown(String message) {
      return message;
    }
  }

  @Test
  void autoDispatchControllerAcceptsWebsocketsWithoutOnMessage() {
    List<ControllerModel> models =
        ControllerChecks.ofAll(List.of(EventsOnly.class, InheritsAutoDispatch.class));
    for (ControllerModel model : models) {
      assertThat(model.autoDispatch()).isTrue();
      assertThat(model.acceptsWebsocket()).isTrue();
      assertThat(model.handlesText()).isTrue();
      assertThat(model.handlesBinary()).isFalse();
      assertThat(model.events().get("hello")).isNotNull();
    }
  }

  @Test
  void plainControllerKeepsItsEventsForMessagingAndStillRefusesWebsockets() {
    ControllerModel model = ControllerChecks.ofAll(List.of(Plain.class)).get(0);
    assertThat(model.autoDispatch()).isFalse();
    assertThat(model.acceptsWebsocket()).isFalse();
    assertThat(model.events().get("move").parameterTypes()).containsExactly(int.class, int.class);
  }

  @Test
  void autoDispatchWithOnMessageTextOverrideFailsTheDeployment() {
    assertThatThrownBy(() -> ControllerChecks.ofAll(List.of(AlsoOnMessage.class)))
        .isInstanceOf(InvalidControllerException.class)
        .hasMessageContaining(
            AlsoOnMessage.class.getName()
                + "#onMessage(String): an "
                + "@AutoDispatch controller receives text frames as events");
  }

  @Test
  void invalidEventFailsTheDeploymentNamingTheMethod() {
    assertThatThrownBy(() -> ControllerChecks.ofAll(List.of(StaticEvent.class)))
        .isInstanceOf(InvalidControllerException.class)
        .hasMessageContaining(
            StaticEvent.class.getName() + "#shared(): an @Event method must " + "not be static");
  }

  @Test
  void unknownIsAReservedCallbackName() {
    assertThatThrownBy(() -> ControllerChecks.ofAll(List.of(WrongUnknown.class)))
        .isInstanceOf(InvalidControllerException.class)
        .hasMessageContaining(
            WrongUnknown.class.getName()
                + "#unknown(String): the callback "
                + "name is reserved; declare it as an override of "
                + Controller.class.getName()
                + "#unknown(Map)");
  }

  @Test
  void problemsOfSeveralClassesAreReportedTogether() {
    assertThatThrownBy(
            () -> ControllerChecks.ofAll(List.of(StaticEvent.class, AlsoOnMessage.class)))
        .isInstanceOfSatisfying(
            InvalidControllerException.class, e -> assertThat(e.problems()).hasSize(2));
  }

  @Test
  void unknownHookIsDetectedAsAnOverride() {
    assertThat(ControllerMethods.overrides(Plain.class, "unknown", Map.class)).isFalse();
  }
}
