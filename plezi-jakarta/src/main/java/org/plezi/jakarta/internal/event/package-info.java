/**
 * A controller class's events, the only methods reachable from a client frame or a bus message: the
 * {@link org.plezi.jakarta.Event} table, each method resolved once to a method handle, the binding
 * of a message's positional arguments, and the seam through which auto-dispatch takes over text
 * frames.
 */
package org.plezi.jakarta.internal.event;
