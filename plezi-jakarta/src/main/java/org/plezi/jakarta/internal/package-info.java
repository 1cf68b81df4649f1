/**
 * The implementation behind {@code org.plezi.jakarta}: route discovery and matching, the servlet
 * that answers routes and upgrades them, the websocket endpoint adapter that drives a controller,
 * each connection's outbound queue, each controller class's event table and, for auto-dispatch
 * controllers, the JSON dispatcher. Not an API: anything here may change in any release.
 */
package org.plezi.jakarta.internal;
