package org.plezi.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.plezi.jakarta.testing.PayaraMicro;

/**
 * Payara Micro 6 in a process of its own, as {@code java -jar payara-micro.jar --deploy
 * plezi-sample.war} runs it (the harness's {@link PayaraMicro}, which plezi-jakarta-cdi's Payara
 * test runs too): a free HTTP port, no clustering, a root directory of the test's own. The WAR
 * answers at {@code /<war name>/}.
 */
final class PayaraMicroServer implements DeployedChat {
  private final PayaraMicro payara;
  private final ChatScenario.Site site;

  private PayaraMicroServer(PayaraMicro payara, ChatScenario.Site site) {
    this.payara = payara;
    this.site = site;
  }

  static PayaraMicroServer start(Path jar, Path war, Duration timeout) throws IOException {
    String context = "/" + war.getFileName().toString().replaceFirst("\\.war$", "");
    PayaraMicro payara =
        PayaraMicro.start(
            jar, war, context, Containers.runDirectory("payara"), context + "/", timeout);
    return new PayaraMicroServer(
        payara, ChatScenario.Site.of(payara.http(context + "/").toString()));
  }

  @Override
  public ChatScenario.Site site() {
    return site;
  }

  @Override
  public void close() {
    payara.close();
  }
}
