/**
 * One open websocket and what it owns: the controller's callback lock, the bounded outbound queue
 * with its one send in flight, the inbox of events from other connections, the identity mailbox
 * cursor; and the server's registry of open connections with the identities they hold.
 */
package org.plezi.jakarta.internal.connection;
