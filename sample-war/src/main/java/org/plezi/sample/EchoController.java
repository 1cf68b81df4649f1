package org.plezi.sample;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/**
 * The demo's websocket at {@code /echo}: greets each new connection, sends every text message back
 * unchanged, and says goodbye when the server stops. Binary messages are not handled, so the library
 * closes a connection that sends one with {@link org.plezi.jakarta.CloseCodes#UNSUPPORTED_DATA}.
 */
@Route("/echo")
public class EchoController extends Controller {
  /** The first message of every connection. */
  static final String GREETING_PREFIX = "Welcome! You are connection ";

  /** The last message a connection gets when the server stops. */
  static final String GOODBYE = "The server is stopping. Goodbye!";

  @Override
  protected void onOpen() {
    write(GREETING_PREFIX + uuid() + ". Type something: it comes back.");
  }

  @Override
  protected void onMessage(String text) {
    write(text);
  }

  @Override
  protected void onShutdown() {
    write(GOODBYE);
  }
}
