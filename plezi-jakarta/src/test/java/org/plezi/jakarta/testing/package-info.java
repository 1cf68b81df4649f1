/**
 * The test harness every module's tests share, published as the core's test-jar: real servers
 * (embedded Tomcat, redis-server, Payara Micro and other processes, Chromium) on free ports, real
 * websocket clients that wait for events instead of sleeping, and recorders (the journal, logs).
 */
package org.plezi.jakarta.testing;
