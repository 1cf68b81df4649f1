package org.plezi.jakarta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller class's failed-unicast callback: a {@code static} method taking {@code (String
 * targetUuid, String event, List<Object> args)}. It runs, on a library thread, when a {@link
 * Controller#unicast(String, String, Object...)} made by a connection of this class (or a subclass
 * without its own callback) could not be delivered because the target connection or its server is
 * gone. At most one per class; a subclass's own callback replaces its parent's. A broken
 * declaration fails the deployment naming {@code Class#method}. Exceptions it throws are logged.
 *
 * <p>Unicasts sent with a {@link Messenger} report failure through their returned stage instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FailedUnicast {}
