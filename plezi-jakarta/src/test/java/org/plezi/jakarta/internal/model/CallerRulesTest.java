package org.plezi.jakarta.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;

/** {@code @Event(from)}: its default, and the declarations that fail the deployment. */
class CallerRulesTest {
  @AutoDispatch
  @Route("/ok")
  public static class Declared extends Controller {
    @Event(from = Caller.CLIENT)
    void login(Map<String, Object> message) {}

    @Event
    void notice(String text) {}

    @Event(from = {Caller.CLIENT, Caller.SERVER})
    void ping() {}
  }

  @AutoDispatch
  @Route("/nobody")
  public static class Nobody extends Controller {
    @Event(from = {})
    void lost() {}
  }

  @Route("/plain")
  public static class PlainWithClientEvent extends Controller {
    @Event(from = Caller.CLIENT)
    void login(Map<String, Object> message) {}

    @Override
    protected void onMessage(String text) {}
  }

  @AutoDispatch
  @Route("/positional")
  public static class PositionalForClients extends Controller {
    @Event(from = Caller.CLIENT)
    void move(int x, int y) {}
  }

  /** A subclass keeps the callers of the declaration it overrides. */
  @AutoDispatch
  @Route("/sub")
  public static class Sub extends Declared {
    @Override
    void login(Map<String, Object> message) {}
  }

  @Test
  void theDefaultIsServerOnlyAndDeclaredCallersAreKeptThroughOverrides() {
    for (ControllerModel model : ControllerChecks.ofAll(List.of(Declared.class, Sub.class))) {
      var events = model.events();
      assertThat(events.get("login").callableBy(Caller.CLIENT)).isTrue();
      assertThat(events.get("login").callableBy(Caller.SERVER)).isFalse();
      assertThat(events.get("notice").callableBy(Caller.CLIENT)).isFalse();
      assertThat(events.get("notice").callableBy(Caller.SERVER)).isTrue();
      assertThat(events.get("ping").callableBy(Caller.CLIENT)).isTrue();
      assertThat(events.get("ping").callableBy(Caller.SERVER)).isTrue();
    }
  }

  @Test
  void anEmptyListFailsTheDeployment() {
    assertThatThrownBy(() -> ControllerChecks.ofAll(List.of(Nobody.class)))
        .isInstanceOf(InvalidControllerException.class)
        .hasMessageContaining(Nobody.class.getName() + "#lost(): @Event(from = {}) lets no one");
  }

  @Test
  void clientCallersNeedAutoDispatch() {
    assertThatThrownBy(() -> ControllerChecks.ofAll(List.of(PlainWithClientEvent.class)))
        .isInstanceOf(InvalidControllerException.class)
        .hasMessageContaining(
            PlainWithClientEvent.class.getName()
                + "#login(Map): @Event(from = CLIENT) needs an @AutoDispatch controller");
  }

  @Test
  void clientCallersNeedAJsonForm() {
    assertThatThrownBy(() -> ControllerChecks.ofAll(List.of(PositionalForClients.class)))
        .isInstanceOf(InvalidControllerException.class)
        .hasMessageContaining(
            PositionalForClients.class.getName()
                + "#move(int, int): @Event(from = CLIENT), but its parameters do not take a JSON");
  }
}
