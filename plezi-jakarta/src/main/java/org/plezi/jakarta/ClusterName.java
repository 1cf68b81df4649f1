package org.plezi.jakarta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a controller class is addressed by in the cluster: the {@code :type} of a class
 * broadcast's envelope. Without it the name is the class's fully qualified name. A short explicit
 * name lets other programs, or a Ruby Plezi application, broadcast to the class ({@code :type:
 * chat}) and keeps the wire stable when the class is renamed. May be put on an unrouted base class
 * too; a subclass does not inherit it. Every server of a cluster must use the same names.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClusterName {
  /** 1 to 1024 characters; not {@code all}, which is the multicast's type. */
  String value();
}
