package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built sample WAR (the exploded directory the war plugin writes at {@code package}) deployed
 * on embedded Tomcat by the README's launcher: the page is served and the echo route, declared only
 * by {@code @Route}, is found through the library's initializer in {@code WEB-INF/lib}.
 */
@Timeout(60)
class SampleAppIT {
  private static final Path WEBAPP =
      Path.of(System.getProperty("plezi.webapp", "target/plezi-sample"));
  private static final ClientManager CLIENT = ClientManager.createClient();

  private static DevServer server;

  @BeforeAll
  static void deployTheBuiltWar() {
    server = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theRootServesTheDemoPage() throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("<title>Plezi for Jakarta EE: echo demo</title>")
        .contains("new WebSocket(");
  }

  @Test
  void theEchoRouteGreetsThenSendsEachTextMessageBack() throws Exception {
    Recorder client = Recorder.connect(server.port());
    try {
      String greeting = client.nextText();
      assertThat(greeting).startsWith(EchoController.GREETING_PREFIX);
      String uuid = greeting.substring(EchoController.GREETING_PREFIX.length()).split("\\.")[0];
      assertThat(uuid).hasSizeGreaterThan(36).startsWith(serverUuid());

      client.session.getBasicRemote().sendText("hello, Plezi");
      client.session.getBasicRemote().sendText("ünïcödé ✓");

      assertThat(client.nextText()).isEqualTo("hello, Plezi");
      assertThat(client.nextText()).isEqualTo("ünïcödé ✓");
    } finally {
      client.session.close();
    }
  }

  @Test
  void routesAreFoundWithoutWebXmlFromTheLibraryInWebInfLib() throws Exception {
    assertThat(WEBAPP.resolve("WEB-INF/web.xml")).doesNotExist();
    try (var jars = Files.list(WEBAPP.resolve("WEB-INF/lib"))) {
      assertThat(jars.map(jar -> jar.getFileName().toString()))
          .anyMatch(name -> name.startsWith("plezi-jakarta-") && name.endsWith(".jar"));
    }

    // The runtime serving /echo was loaded by the application from its own WEB-INF/lib ...
    Object runtime = server.servletContext().getAttribute("org.plezi.jakarta.internal.PleziRuntime");
    assertThat(runtime).isNotNull();
    assertThat(runtime.getClass().getClassLoader()).isSameAs(server.webappClassLoader());
    assertThat(codeSource(runtime.getClass())).contains("/WEB-INF/lib/plezi-jakarta-");
    // ... the controller from WEB-INF/classes ...
    Class<?> echo = server.webappClassLoader().loadClass(EchoController.class.getName());
    assertThat(codeSource(echo)).contains("/WEB-INF/classes");
    // ... and the container underneath could not have supplied either.
    assertThatThrownBy(() -> Class.forName(
        "org.plezi.jakarta.Controller", false, server.webappClassLoader().getParent()))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(Collections.list(server.webappClassLoader().getParent().getResources(
        "META-INF/services/jakarta.servlet.ServletContainerInitializer")))
        .isNotEmpty() // Tomcat's own websocket initializer
        .noneMatch(url -> url.toString().contains("plezi"));
  }

  @Test
  void stoppingTheServerSaysGoodbyeThenClosesWithGoingAway() throws Exception {
    DevServer second = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0);
    Recorder client;
    try {
      client = Recorder.connect(second.port());
      assertThat(client.nextText()).startsWith(EchoController.GREETING_PREFIX);
    } finally {
      second.close();
    }

    assertThat(client.nextText()).isEqualTo(EchoController.GOODBYE);
    assertThat(client.nextClose()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY.getCode());
  }

  @Test
  void withoutTheLibraryInWebInfLibTheSameClassesAnswerNoWebsocket(@TempDir Path copy)
      throws Exception {
    copyExceptPleziJar(WEBAPP, copy);
    try (DevServer bare = DevServer.start(copy, DevServer.DEFAULT_ADDRESS, 0)) {
      assertThat(bare.servletContext().getAttribute("org.plezi.jakarta.internal.PleziRuntime"))
          .isNull();
      assertThatThrownBy(() -> Recorder.connect(bare.port()))
          .isInstanceOf(DeploymentException.class);
    }
  }

  @Test
  void aPortAlreadyInUseStopsTheLaunchNamingThePort() {
    int taken = server.port();
    assertThatThrownBy(() -> DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, taken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not start on " + DevServer.DEFAULT_ADDRESS + ":" + taken);
  }

  /** The deployment's uuid, asked of the application's own runtime (another class loader). */
  private static String serverUuid() throws ReflectiveOperationException {
    Object runtime = server.servletContext().getAttribute("org.plezi.jakarta.internal.PleziRuntime");
    return (String) runtime.getClass().getMethod("serverUuid").invoke(runtime);
  }

  private static void copyExceptPleziJar(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!source.getFileName().toString().startsWith("plezi-jakarta-")) {
          Files.copy(source, target);
        }
      }
    }
  }

  private static String codeSource(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().toString();
  }

  /** A websocket client that queues what it receives: text messages and the close code. */
  private static final class Recorder extends Endpoint {
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private Session session;

    static Recorder connect(int port) throws Exception {
      Recorder recorder = new Recorder();
      recorder.session = CLIENT.connectToServer(recorder,
          ClientEndpointConfig.Builder.create().build(),
          URI.create("ws://127.0.0.1:" + port + "/echo"));
      return recorder;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      received.add(reason.getCloseCode().getCode());
    }

    String nextText() throws InterruptedException {
      return (String) next(String.class);
    }

    int nextClose() throws InterruptedException {
      return (Integer) next(Integer.class);
    }

    private Object next(Class<?> expected) throws InterruptedException {
      Object event = received.poll(20, TimeUnit.SECONDS);
      assertThat(event).as("a message or close within 20 s").isInstanceOf(expected);
      return event;
    }
  }
}
