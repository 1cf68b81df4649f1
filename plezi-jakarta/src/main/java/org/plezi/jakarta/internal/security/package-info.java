/**
 * The checks that keep a deployment safe by default, each free of servlet and websocket types so
 * that it can be tested alone: the origin policy of websocket upgrades, the handshake headers, the
 * connection limit, the inbound rate limit of a connection, the authenticated user kept for a
 * connection's life, and a Redis URL with its credentials kept out of logs. The runtime calls them.
 */
package org.plezi.jakarta.internal.security;
