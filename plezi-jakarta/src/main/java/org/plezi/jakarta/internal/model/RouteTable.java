package org.plezi.jakarta.internal.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The deployment's routes. Written during start-up, read by every request; matching prefers an
 * exact-length match over a {@code show} match, and literal segments over parameters.
 */
public final class RouteTable {
  /**
   * A matched request: its controller, path parameters and, for {@code show}, the extra segment.
   */
  public record Match(ControllerModel controller, Map<String, String> pathParams, String showId) {}

  /** Routes, most specific first within each length. */
  private final List<ControllerModel> routes = new CopyOnWriteArrayList<>();

  /**
   * Adds routes, all or none.
   *
   * @throws org.plezi.jakarta.InvalidControllerException when a path collides with another route
   */
  public synchronized void addAll(List<ControllerModel> models) {
    List<String> problems = new ArrayList<>();
    List<ControllerModel> accepted = new ArrayList<>(routes);
    for (ControllerModel model : models) {
      for (ControllerModel existing : accepted) {
        if (existing.route().shape().equals(model.route().shape())) {
          if (existing.type() == model.type()) {
            problems.add(model.type().getName() + ": registered twice");
          } else {
            problems.add(
                model.type().getName()
                    + ": route '"
                    + model.route().path()
                    + "' is already answered by "
                    + existing.type().getName()
                    + " ('"
                    + existing.route().path()
                    + "'); two routes may not share a path");
          }
        }
      }
      accepted.add(model);
    }
    if (!problems.isEmpty()) {
      throw new org.plezi.jakarta.InvalidControllerException(problems);
    }
    accepted.sort((a, b) -> a.route().compareSpecificity(b.route()));
    routes.clear();
    routes.addAll(accepted);
  }

  /** Every route, most specific first. */
  public List<ControllerModel> routes() {
    return List.copyOf(routes);
  }

  /**
   * Finds the route for a decoded path inside the application.
   *
   * @return the match, or null
   */
  public Match match(String path) {
    List<String> segments = RouteTemplate.split(path);
    for (ControllerModel model : routes) {
      if (model.route().length() == segments.size()) {
        Map<String, String> params = model.route().match(segments);
        if (params != null) {
          return new Match(model, params, null);
        }
      }
    }
    for (ControllerModel model : routes) {
      if (model.route().length() + 1 == segments.size()) {
        Map<String, String> params = model.route().match(segments);
        if (params != null) {
          return new Match(model, params, segments.get(segments.size() - 1));
        }
      }
    }
    return null;
  }

  /**
   * The servlet mappings that bring a route's requests to the dispatcher: its literal prefix and
   * everything below it. The root route maps only the context root.
   */
  public static Set<String> servletMappings(RouteTemplate route) {
    Set<String> mappings = new LinkedHashSet<>();
    String prefix = route.literalPrefix();
    if (route.length() == 0) {
      mappings.add("");
    } else if (prefix.isEmpty()) {
      mappings.add("/*");
    } else {
      mappings.add(prefix);
      mappings.add(prefix + "/*");
    }
    return mappings;
  }
}
