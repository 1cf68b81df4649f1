package org.plezi.sample;

/** A server process running one of the built WARs, and where its chat answers. */
interface DeployedChat extends AutoCloseable {
  ChatScenario.Site site();

  /** Stops the server; never throws. */
  @Override
  void close();
}
