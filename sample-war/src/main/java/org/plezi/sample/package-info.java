/**
 * The sample application's controllers. The library's initializer finds them by their {@link
 * org.plezi.jakarta.Route} annotation: the WAR needs no {@code web.xml}.
 */
package org.plezi.sample;
