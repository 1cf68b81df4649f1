package org.plezi.sample;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The plain WAR (plezi-sample.war) on WildFly, started by Arquillian's managed WildFly adapter and
 * deployed through its management interface.
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "wildfly")
class WildFlyContainerIT extends ArquillianChatChecks {
  @Deployment(testable = false)
  static WebArchive war() {
    return Containers.war("plezi.war.plain");
  }

  @Override
  String container() {
    return "WildFly " + Containers.required("plezi.wildfly.home").getFileName();
  }
}
