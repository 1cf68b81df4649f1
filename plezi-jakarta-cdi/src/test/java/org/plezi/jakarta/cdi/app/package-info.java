/**
 * A small CDI application deployed by the integration tests: on embedded Tomcat with Weld Servlet
 * (from the test class path) and, in a WAR, on Payara Micro.
 */
package org.plezi.jakarta.cdi.app;
