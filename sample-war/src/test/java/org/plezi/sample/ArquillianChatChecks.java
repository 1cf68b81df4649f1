package org.plezi.sample;

import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ContainerChatChecks} on a server Arquillian runs: its adapter's managed container (in
 * {@code arquillian.xml}, picked by the failsafe execution) starts before the first test class,
 * gets what the subclass's {@code @Deployment(testable = false)} method returns, and gives its URL;
 * the tests run outside the server ({@link RunAsClient}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class ArquillianChatChecks extends ContainerChatChecks {
  /** The deployed WAR's root (from the adapter). */
  @ArquillianResource URL deployed;

  @Override
  ChatScenario.Site site() {
    return ChatScenario.Site.of(deployed.toString());
  }
}
