package org.plezi.sample;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The same Tomcat WAR (plezi-sample-tomcat.war) on a standalone Tomcat 11 (Jakarta EE 11: Servlet
 * 6.1, WebSocket 2.2), through the same Arquillian adapter as {@link TomcatContainerIT}.
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "tomcat11")
class Tomcat11ContainerIT extends ArquillianChatChecks {
  @Deployment(testable = false)
  static WebArchive war() {
    return Containers.war("plezi.war.tomcat");
  }

  @Override
  String container() {
    return "Tomcat " + Containers.required("plezi.tomcat11.home").getFileName();
  }
}
