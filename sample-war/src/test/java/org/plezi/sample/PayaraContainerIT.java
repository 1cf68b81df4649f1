package org.plezi.sample;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The plain WAR (plezi-sample.war) on Payara Micro 6, whose own Weld and JSON-P serve it, started
 * with the WAR by Arquillian's managed Payara Micro adapter.
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "payara")
class PayaraContainerIT extends ArquillianChatChecks {
  @Deployment(testable = false)
  static WebArchive war() {
    return Containers.war("plezi.war.plain");
  }

  @Override
  String container() {
    return "Payara Micro " + System.getProperty("plezi.payara.version", "6");
  }
}
