/**
 * The server under load (a JVM of its own): embedded Tomcat with the library's controller and the
 * raw Jakarta WebSocket baseline side by side, and the control protocol that drives broadcasts.
 */
package org.plezi.bench.server;
