package org.plezi.jakarta.cdi.internal;

import java.util.concurrent.CompletionStage;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Messenger;

/**
 * The {@link Messenger} bean: the application's own messenger, looked up on every call, so the bean
 * can be injected (into an EJB, say) before the web application has finished starting. Calls made
 * before then fail with {@link IllegalStateException}.
 */
public final class CdiMessenger implements Messenger {
  private final ControllerCatalog catalog;

  public CdiMessenger(ControllerCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void multicast(String event, Object... args) {
    catalog.messenger().multicast(event, args);
  }

  @Override
  public void broadcast(Class<? extends Controller> target, String event, Object... args) {
    catalog.messenger().broadcast(target, event, args);
  }

  @Override
  public CompletionStage<Boolean> unicast(String uuid, String event, Object... args) {
    return catalog.messenger().unicast(uuid, event, args);
  }

  @Override
  public boolean notify(String identity, String event, Object... args) {
    return catalog.messenger().notify(identity, event, args);
  }

  @Override
  public void publish(String channel, String event, Object... args) {
    catalog.messenger().publish(channel, event, args);
  }

  @Override
  public void publishRaw(String channel, String text) {
    catalog.messenger().publishRaw(channel, text);
  }

  @Override
  public java.util.concurrent.CompletionStage<java.util.Map<String, java.util.Map<String, String>>>
      presence(String channel) {
    return catalog.messenger().presence(channel);
  }

  @Override
  public String toString() {
    return "Plezi Messenger (CDI)";
  }
}
