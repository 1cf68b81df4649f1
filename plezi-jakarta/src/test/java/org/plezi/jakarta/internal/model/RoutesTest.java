package org.plezi.jakarta.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;

class RoutesTest {
  @Route("/room/{name}")
  public static class Room extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Route("/room/lobby")
  public static class Lobby extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Route("/room/{other}")
  public static class SameShape extends Controller {}

  @Route("/")
  public static class Root extends Controller {}

  @Route("/{anything}/x")
  public static class TemplateFirst extends Controller {}

  @Test
  void templateCapturesSegmentsAndLiteralRoutesWin() {
    RouteTable table = new RouteTable();
    table.addAll(ControllerChecks.ofAll(List.of(Room.class, Lobby.class)));
    assertThat(table.match("/room/lobby").controller().type()).isEqualTo(Lobby.class);
    RouteTable.Match kitchen = table.match("/room/kitchen");
    assertThat(kitchen.controller().type()).isEqualTo(Room.class);
    assertThat(kitchen.pathParams()).isEqualTo(Map.of("name", "kitchen"));
    assertThat(kitchen.showId()).isNull();
    RouteTable.Match show = table.match("/room/kitchen/7");
    assertThat(show.showId()).isEqualTo("7");
    assertThat(show.pathParams()).isEqualTo(Map.of("name", "kitchen"));
    assertThat(table.match("/room")).isNull();
    assertThat(table.match("/room/a/b/c")).isNull();
    assertThat(table.match("/room/kitchen/")).isNotNull(); // a trailing slash is ignored
  }

  @Test
  void twoRoutesOnOnePathFailNamingBothClasses() {
    RouteTable table = new RouteTable();
    table.addAll(ControllerChecks.ofAll(List.of(Room.class)));
    assertThatThrownBy(() -> table.addAll(ControllerChecks.ofAll(List.of(SameShape.class))))
        .isInstanceOf(InvalidControllerException.class)
        .hasMessageContaining(SameShape.class.getName())
        .hasMessageContaining(Room.class.getName())
        .hasMessageContaining("two routes may not share a path");
    assertThat(table.routes()).hasSize(1);
  }

  @Test
  void servletMappingsCoverTheLiteralPrefix() {
    assertThat(RouteTable.servletMappings(template("/room/{name}")))
        .containsExactly("/room", "/room/*");
    assertThat(RouteTable.servletMappings(template("/chat"))).containsExactly("/chat", "/chat/*");
    assertThat(RouteTable.servletMappings(template("/"))).containsExactly("");
    assertThat(RouteTable.servletMappings(template("/{x}/y"))).containsExactly("/*");
  }

  @Test
  void invalidPathsAreReported() {
    List<String> problems = new ArrayList<>();
    assertThat(RouteTemplate.parse("room", "C", problems)).isNull();
    assertThat(RouteTemplate.parse("/a/{b}/{b}", "C", problems)).isNull();
    assertThat(RouteTemplate.parse("/a/{b c}", "C", problems)).isNull();
    assertThat(RouteTemplate.parse("/a/pre{b}", "C", problems)).isNull();
    assertThat(RouteTemplate.parse("/a/*", "C", problems)).isNull();
    assertThat(problems).hasSize(5).allMatch(p -> p.startsWith("C: route path"));
  }

  @Test
  void shapeIgnoresParameterNames() {
    assertThat(template("/room/{name}").shape()).isEqualTo(template("/room/{other}").shape());
    assertThat(template("/").shape()).isEqualTo("/");
  }

  private static RouteTemplate template(String path) {
    List<String> problems = new ArrayList<>();
    RouteTemplate template = RouteTemplate.parse(path, "test", problems);
    assertThat(problems).isEmpty();
    return template;
  }
}
