package org.plezi.jakarta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@link Controller} subclass to a path of the web application.
 *
 * <p>The path is relative to the context path, starts with {@code /} and may hold URI-template
 * segments: {@code @Route("/room/{name}")} answers {@code /room/lobby} with the path parameter
 * {@code name=lobby}, available from {@link Controller#params()}. A template segment is a whole
 * segment ({@code {name}}), its name a Java identifier used once per path. A path with literal
 * segments wins over a template when both match.
 *
 * <p>The same path answers:
 *
 * <ul>
 *   <li>websocket upgrades: a new controller instance per connection;
 *   <li>{@code GET path}: {@link Controller#index()};
 *   <li>{@code GET path/{id}}: {@link Controller#show(String)}.
 * </ul>
 *
 * <p>Two controllers may not share a path (templates are compared without their parameter names):
 * the deployment fails naming both classes. Annotated classes are found by the library's {@code
 * ServletContainerInitializer} when the jar sits in {@code WEB-INF/lib}; classes can also be
 * registered with {@link Plezi#register}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Route {
  /** The path this controller answers, such as {@code "/chat"} or {@code "/room/{name}"}. */
  String value();

  /**
   * The origins whose pages may open this route's websockets, replacing {@code plezi.origins} for
   * it: {@code scheme://host[:port]}, {@code scheme://*.suffix[:port]} (any sub-domain of the
   * suffix, not the suffix itself), {@code :*} for any port, or {@code "*"} for any origin. The
   * request's own origin is always allowed, and {@code plezi.origins.required} still applies. Empty
   * (the default): the deployment's {@code plezi.origins}. A bad entry fails the deployment naming
   * the class and the entry. A route that needs more (say, per-user rules) decides in {@link
   * Controller#preConnect()}, which runs after this check.
   */
  String[] origins() default {};
}
