package org.plezi.sample;

/**
 * The Tomcat WAR (plezi-sample-tomcat.war: Weld Servlet and JSON-P in WEB-INF/lib) in a standalone
 * Jetty 12 with the ee10 modules {@value StandaloneJetty#MODULES}, passing the scenario of the
 * other containers. A launcher of its own ({@link StandaloneJetty}): no Arquillian adapter for a
 * standalone Jetty 12 resolves here.
 */
class JettyContainerIT extends ContainerChatChecks {
  @Override
  String container() {
    return "Jetty " + Containers.required("plezi.jetty.home").getFileName() + " (ee10)";
  }

  @Override
  DeployedChat deploy() throws Exception {
    return StandaloneJetty.start(
        Containers.required("plezi.jetty.home"), Containers.war("plezi.war.tomcat"), START_TIMEOUT);
  }
}
