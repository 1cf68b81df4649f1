package org.plezi.sample;

/** The plain WAR (plezi-sample.war) on Payara Micro 6, whose own Weld and JSON-P serve it. */
class PayaraContainerIT extends ContainerChatChecks {
  @Override
  String container() {
    return "Payara Micro " + System.getProperty("plezi.payara.version", "6");
  }

  @Override
  DeployedChat deploy() throws Exception {
    return PayaraMicroServer.start(
        Containers.required("plezi.payara.jar"), Containers.war("plezi.war.plain"), START_TIMEOUT);
  }
}
