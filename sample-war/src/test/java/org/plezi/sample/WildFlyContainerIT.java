package org.plezi.sample;

/** The plain WAR (plezi-sample.war) in WildFly's standalone/deployments/. */
class WildFlyContainerIT extends ContainerChatChecks {
  @Override
  String container() {
    return "WildFly " + Containers.required("plezi.wildfly.home").getFileName();
  }

  @Override
  DeployedChat deploy() throws Exception {
    return WildFlyServer.start(
        Containers.required("plezi.wildfly.home"),
        Containers.war("plezi.war.plain"),
        START_TIMEOUT);
  }
}
