/**
 * The public API's two doors into the implementation, and the only internal package the public API
 * names: {@link org.plezi.jakarta.internal.hooks.ControllerHooks} lets the runtime drive a
 * controller's protected callbacks, {@link org.plezi.jakarta.internal.hooks.RuntimeHooks} lets
 * {@code Plezi} reach a deployment's runtime, and a controller sees its websocket and its messaging
 * through two interfaces the layers below implement. Depends on the public API only.
 */
package org.plezi.jakarta.internal.hooks;
