package org.plezi.sample;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Tomcat WAR (plezi-sample-tomcat.war) on a standalone Tomcat 10.1, started by Arquillian's
 * managed Tomcat adapter and deployed through its manager.
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "tomcat10")
class TomcatContainerIT extends ArquillianChatChecks {
  @Deployment(testable = false)
  static WebArchive war() {
    return Containers.war("plezi.war.tomcat");
  }

  @Override
  String container() {
    return "Tomcat " + Containers.required("plezi.tomcat.home").getFileName();
  }
}
