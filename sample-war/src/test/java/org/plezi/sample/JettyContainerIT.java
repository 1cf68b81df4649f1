package org.plezi.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Tomcat WAR (plezi-sample-tomcat.war: Weld Servlet and JSON-P in WEB-INF/lib) in a standalone
 * Jetty 12 with the ee10 modules {@value StandaloneJetty#MODULES}, passing the scenario of the
 * other containers. Started by a launcher of its own ({@link StandaloneJetty}, which says why).
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "none")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyContainerIT extends ContainerChatChecks {
  private StandaloneJetty jetty;

  @BeforeAll
  void start() throws Exception {
    jetty =
        StandaloneJetty.start(
            Containers.required("plezi.jetty.home"),
            Containers.warFile("plezi.war.tomcat"),
            START_TIMEOUT);
  }

  @AfterAll
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
  }

  @Override
  String container() {
    return "Jetty " + Containers.required("plezi.jetty.home").getFileName() + " (ee10)";
  }

  @Override
  ChatScenario.Site site() {
    return jetty.site();
  }
}
