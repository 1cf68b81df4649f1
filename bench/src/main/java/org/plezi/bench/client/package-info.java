/**
 * A small NIO websocket client that holds thousands of connections on one thread: handshake, server
 * frames parsed in place, masked client frames.
 */
package org.plezi.bench.client;
