/**
 * CDI integration for Plezi for Jakarta EE: with this jar and a CDI container (Weld Servlet on
 * Tomcat, or the server's own on WildFly, Payara, ...), every {@code @Route} controller is made
 * through CDI.
 *
 * <ul>
 *   <li>Each websocket connection, and each plain HTTP request ({@code index}, {@code show}), gets
 *       a new {@code @Dependent} instance: {@code @Inject} fields, setters and constructors,
 *       {@code @PostConstruct}, method-level interceptors. It is destroyed ({@code @PreDestroy},
 *       then its dependent objects) after {@code onClose}, or when the request ends.
 *   <li>A controller CDI did not discover (in an {@code annotated} bean archive, which is what an
 *       archive without {@code beans.xml} or with an empty one is, a class with no bean-defining
 *       annotation) still gets injection, {@code @PostConstruct} and {@code @PreDestroy}, as a
 *       non-contextual instance; annotate it {@code @Dependent} to make it a bean (interceptors,
 *       injectable elsewhere).
 *   <li>Problems are definition errors naming {@code Class#method}: the core's controller rules, a
 *       scope other than {@code @Dependent}, two routes on one path, an unsatisfied injection
 *       point.
 *   <li>A bean of type {@link org.plezi.jakarta.PleziSettings} (a producer method) overrides the
 *       {@code web.xml} and environment settings.
 * </ul>
 *
 * <p>Without a CDI container the jar does nothing and controllers are created by reflection (one
 * INFO line says so). The only type here is the {@link org.plezi.jakarta.cdi.PleziExtension}
 * itself; the rest lives in {@code org.plezi.jakarta.cdi.internal}.
 */
package org.plezi.jakarta.cdi;
