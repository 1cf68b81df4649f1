/**
 * Messages between connections: the public {@code Messenger} and the controller forms build a
 * message once, hand it to this server's connections and to the bus for the others; messages from
 * the bus come in the same way; unicast answers, failed-unicast callbacks and identity mailboxes
 * live here too.
 */
package org.plezi.jakarta.internal.delivery;
