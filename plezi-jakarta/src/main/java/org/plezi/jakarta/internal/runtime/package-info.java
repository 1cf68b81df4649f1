/**
 * The top floor, which puts the others together for one deployment: the container's initializer,
 * start-up and shutdown, the servlet that answers routes and upgrades them, the hand-off of each
 * upgraded websocket to its endpoint adapter, the choice of bus and store from the settings, and
 * the integrations found through the SPI.
 */
package org.plezi.jakarta.internal.runtime;
