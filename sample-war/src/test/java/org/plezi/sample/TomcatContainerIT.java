package org.plezi.sample;

/** The Tomcat WAR (plezi-sample-tomcat.war) in a standalone Tomcat 10.1's webapps/. */
class TomcatContainerIT extends ContainerChatChecks {
  @Override
  String container() {
    return "Tomcat " + Containers.required("plezi.tomcat.home").getFileName();
  }

  @Override
  DeployedChat deploy() throws Exception {
    return StandaloneTomcat.start(
        Containers.required("plezi.tomcat.home"),
        Containers.war("plezi.war.tomcat"),
        START_TIMEOUT);
  }
}
