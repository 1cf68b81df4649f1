/**
 * MicroProfile Health checks for a Plezi deployment: liveness, readiness and startup, each named
 * {@code plezi} and answered from {@code Plezi.health}. For containers that run MicroProfile Health
 * (WildFly, Payara); elsewhere the jar is inert.
 */
package org.plezi.jakarta.health;
