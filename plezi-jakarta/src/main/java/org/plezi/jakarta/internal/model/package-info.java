/**
 * What a controller class is, checked once at start-up: the rules every class must follow (reported
 * all at once, naming {@code Class#method}), the resulting immutable model, and the deployment's
 * routes.
 */
package org.plezi.jakarta.internal.model;
