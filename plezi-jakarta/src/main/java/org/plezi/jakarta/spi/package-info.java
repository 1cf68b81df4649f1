/**
 * The service provider interface: what a module that plugs into Plezi implements and uses, such as
 * the CDI module, or an application's own integration with another container. A contract like the
 * public API in {@code org.plezi.jakarta}: nothing an integration needs lives in {@code
 * org.plezi.jakarta.internal}.
 *
 * <ul>
 *   <li>{@link org.plezi.jakarta.spi.IntegrationProvider}, found with {@link
 *       java.util.ServiceLoader}, is asked once per application when start-up is over and may bring
 *       an {@link org.plezi.jakarta.spi.Integration}: a {@link
 *       org.plezi.jakarta.spi.ControllerFactory} that makes every controller, settings, and a Redis
 *       client for the cluster bus.
 *   <li>{@link org.plezi.jakarta.spi.Deployment} is what a provider sees of the application: its
 *       routes and controller classes, its server uuid and messenger.
 *   <li>{@link org.plezi.jakarta.spi.ControllerRules} checks controller classes with Plezi's own
 *       rules, for an integration that discovers them first.
 * </ul>
 */
package org.plezi.jakarta.spi;
