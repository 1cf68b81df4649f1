/**
 * The deployment's metrics and health as JMX MXBeans ({@code org.plezi.jakarta:type=Deployment} and
 * one {@code type=Route} per route), registered when the application has started and removed on
 * undeploy. A view of {@code Plezi.metrics} and {@code Plezi.health}, read through a snapshot at
 * most a second old.
 */
package org.plezi.jakarta.internal.jmx;
