package org.plezi.jakarta.internal.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;

class EventTableTest {
  public static class Base extends Controller {
    @Event
    String hello() {
      return "base hello";
    }

    @Event("renamed")
    String original() {
      return "original";
    }

    @Event
    private String secret(String who) {
      return "private " + who;
    }

    public String notAnEvent() {
      return "no";
    }
  }

  public static class Derived extends Base {
    @Override
    String hello() { // no annotation: still the event "hello"
      return "derived hello";
    }

    @Override
    @Event("again")
    String original() {
      return "derived original";
    }

    @Event
    long add(int a, long b) {
      return a + b;
    }

    @Event
    void fails() throws IOException {
      throw new IOException("checked");
    }

    @Event
    void breaks() {
      throw new IllegalStateException("unchecked");
    }
  }

  private static EventTable table(Class<? extends Controller> type, List<String> problems) {
    return EventTable.of(type, problems);
  }

  private static EventTable valid(Class<? extends Controller> type) {
    List<String> problems = new ArrayList<>();
    EventTable events = table(type, problems);
    assertThat(problems).isEmpty();
    return events;
  }

  @Test
  void namesComeFromTheAnnotationOrTheMethod() {
    EventTable events = valid(Base.class);
    assertThat(events.all())
        .extracting(EventMethod::name)
        .containsExactlyInAnyOrder("hello", "renamed", "secret");
  }

  @Test
  void anOverrideStaysTheEventAndTheOverrideRuns() {
    EventTable events = valid(Derived.class);
    assertThat(events.all())
        .extracting(EventMethod::name)
        .containsExactlyInAnyOrder("hello", "again", "secret", "add", "fails", "breaks");
    Derived controller = new Derived();
    assertThat(events.get("hello").invoke(controller)).isEqualTo("derived hello");
    assertThat(events.get("again").invoke(controller)).isEqualTo("derived original");
    assertThat(events.get("renamed")).isNull();
    assertThat(events.get("hello").description()).isEqualTo(Derived.class.getName() + "#hello()");
  }

  @Test
  void unannotatedAndInheritedMethodsAreNotEvents() {
    EventTable events = valid(Derived.class);
    for (String name :
        List.of(
            "notAnEvent", "toString", "close", "write", "onOpen", "uuid", "getClass", "unknown")) {
      assertThat(events.get(name)).as(name).isNull();
    }
  }

  @Test
  void privateEventsArePositionalArgumentsAreUnboxed() {
    EventTable events = valid(Derived.class);
    Derived controller = new Derived();
    assertThat(events.get("secret").invoke(controller, "me")).isEqualTo("private me");
    assertThat(events.get("add").invoke(controller, 2, 40L)).isEqualTo(42L);
    assertThat(events.get("add").parameterTypes()).containsExactly(int.class, long.class);
    assertThat(events.get("fails").returnType()).isEqualTo(void.class);
  }

  @Test
  void checkedExceptionsAreWrappedAndUncheckedOnesPropagate() {
    EventTable events = valid(Derived.class);
    Derived controller = new Derived();
    assertThatThrownBy(() -> events.get("fails").invoke(controller))
        .isInstanceOf(EventMethod.EventFailure.class)
        .hasCauseInstanceOf(IOException.class);
    assertThatThrownBy(() -> events.get("breaks").invoke(controller))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("unchecked");
  }

  @Test
  void wrongArgumentsAreRefused() {
    EventTable events = valid(Derived.class);
    Derived controller = new Derived();
    assertThatThrownBy(() -> events.get("add").invoke(controller, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes 2 argument(s)");
    assertThatThrownBy(() -> events.get("add").invoke(controller, "x", 1L))
        .isInstanceOf(ClassCastException.class);
  }

  public static class StaticEvent extends Controller {
    @Event
    static void shared() {}
  }

  public static class Duplicate extends Controller {
    @Event("same")
    void one() {}

    @Event("same")
    void two(String s) {}
  }

  public static class CallbackEvent extends Controller {
    @Event
    @Override
    protected void onOpen() {}
  }

  public static class Blank extends Controller {
    @Event(" ")
    void blank() {}
  }

  public static class Dashed extends Controller {
    @Event("chat-message")
    void dashed() {}
  }

  @Test
  void brokenEventMethodsAreReportedNamingClassAndMethod() {
    List<String> problems = new ArrayList<>();
    table(StaticEvent.class, problems);
    table(Duplicate.class, problems);
    table(CallbackEvent.class, problems);
    table(Blank.class, problems);
    table(Dashed.class, problems);
    assertThat(problems)
        .containsExactly(
            StaticEvent.class.getName() + "#shared(): an @Event method must not be static",
            Duplicate.class.getName()
                + "#two(String): the event name 'same' is already taken by "
                + Duplicate.class.getName()
                + "#one(); event names are unique per controller class",
            CallbackEvent.class.getName()
                + "#onOpen(): a callback cannot be an @Event; "
                + "move the event into a method of its own",
            Blank.class.getName()
                + "#blank(): the @Event name ' ' must be a Java identifier of at"
                + " most 255 characters, so that it can travel between servers",
            Dashed.class.getName()
                + "#dashed(): the @Event name 'chat-message' must be a Java"
                + " identifier of at most 255 characters, so that it can travel between servers");
  }
}
