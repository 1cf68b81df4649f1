package org.plezi.sample;

/**
 * The same Tomcat WAR (plezi-sample-tomcat.war) in a standalone Tomcat 11 (Jakarta EE 11: Servlet
 * 6.1, WebSocket 2.2), with the launcher and scenario of {@link TomcatContainerIT}.
 */
class Tomcat11ContainerIT extends ContainerChatChecks {
  @Override
  String container() {
    return "Tomcat " + Containers.required("plezi.tomcat11.home").getFileName();
  }

  @Override
  DeployedChat deploy() throws Exception {
    return StandaloneTomcat.start(
        Containers.required("plezi.tomcat11.home"),
        Containers.war("plezi.war.tomcat"),
        START_TIMEOUT);
  }
}
