package org.plezi.jakarta.spi;

import org.plezi.jakarta.Controller;

/**
 * One route of a deployment.
 *
 * @param path the route's path as its {@link org.plezi.jakarta.Route} gives it, such as {@code
 *     /room/{name}}
 * @param controller the class that answers it
 */
public record DeployedRoute(String path, Class<? extends Controller> controller) {}
