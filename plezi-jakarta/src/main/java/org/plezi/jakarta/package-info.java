/**
 * Plezi for Jakarta EE: websocket connections as controller objects.
 *
 * <p>A {@link org.plezi.jakarta.Controller} subclass annotated with {@link org.plezi.jakarta.Route}
 * answers one path. Each websocket connection gets its own controller instance whose callbacks run
 * one at a time; everything written to a connection goes through a bounded outbound queue. Routes
 * are found when the library jar sits in {@code WEB-INF/lib} or registered with {@link
 * org.plezi.jakarta.Plezi#register}. Everything under {@code org.plezi.jakarta.internal} is
 * implementation and may change without notice.
 */
package org.plezi.jakarta;
