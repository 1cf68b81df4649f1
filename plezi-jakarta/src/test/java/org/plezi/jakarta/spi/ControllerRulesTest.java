package org.plezi.jakarta.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/** An integration gets the core's own problems, in the core's words, all at once. */
class ControllerRulesTest {
  @Route("/room/{name}")
  public static class Room extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Route("/room/{other}")
  public static class SameShape extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Route("/broken")
  public static class Broken extends Controller {
    protected void onMessage(int wrong) {}
  }

  public static class NoRoute extends Controller {}

  @Test
  void controllersThatFollowTheRulesHaveNoProblem() {
    assertThat(ControllerRules.check(List.of(Room.class))).isEmpty();
  }

  @Test
  void everyRuleBrokenIsReportedNamingTheClassOrMethod() {
    List<String> problems =
        ControllerRules.check(List.of(Room.class, SameShape.class, Broken.class, NoRoute.class));

    assertThat(problems).hasSize(3);
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        Broken.class.getName() + "#onMessage(int): the callback name is reserved"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        NoRoute.class.getName() + ": a controller needs a @Route annotation"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        SameShape.class.getName()
                            + ": route '/room/{other}' is already answered by "
                            + Room.class.getName()));
  }
}
