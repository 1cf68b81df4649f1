package org.plezi.jakarta.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.model.ControllerChecks;
import org.plezi.jakarta.internal.model.ControllerModel;
import org.plezi.jakarta.internal.model.RouteTable;

/**
 * The rules a controller class must follow, for an integration that discovers controllers before
 * Plezi deploys them (the CDI module reports them as definition errors), so that both report the
 * same problems in the same words.
 */
public final class ControllerRules {
  private ControllerRules() {}

  /**
   * Every rule the classes break, each as {@code Class#method(Params): rule; remedy} (or naming the
   * class), including two classes on one path; empty when they are fine. Checks each class as
   * {@link org.plezi.jakarta.Plezi#register} does, and finds the JSON support of {@link
   * org.plezi.jakarta.AutoDispatch} controllers through the class loader that loaded Plezi.
   *
   * @param classes classes annotated with {@link Route}; one without it is a problem too
   */
  public static List<String> check(Collection<Class<?>> classes) {
    List<String> problems = new ArrayList<>();
    List<ControllerModel> models = new ArrayList<>();
    for (Class<?> type : classes) {
      Route route = type.getAnnotation(Route.class);
      if (route == null) {
        problems.add(type.getName() + ": a controller needs a @Route annotation");
        continue;
      }
      ControllerModel model = ControllerChecks.of(type, route.value(), problems);
      if (model != null) {
        models.add(model);
      }
    }
    try {
      new RouteTable().addAll(models);
    } catch (InvalidControllerException e) {
      problems.addAll(e.problems());
    }
    return problems;
  }
}
