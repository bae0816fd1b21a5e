import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community 5.26 in-process with only the Bolt connector, so the local stack needs nothing but Java 17 and
 * the jars Maven resolved from stack/neo4j/pom.xml. Usage: SightlineNeo4j HOME_DIR BOLT_PORT; the neo4j user's
 * password comes from the NEO4J_PASSWORD environment variable (not argv, which any local user can read with ps).
 */
public final class SightlineNeo4j {
  private static final int MIN_PASSWORD_LENGTH = 8;

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SightlineNeo4j HOME_DIR BOLT_PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
    if (password.length() < MIN_PASSWORD_LENGTH) {
      System.err.println("NEO4J_PASSWORD must be set and at least " + MIN_PASSWORD_LENGTH + " characters (Neo4j's minimum)");
      System.exit(2);
    }
    Files.createDirectories(home);

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        // A local stack must not try to reach the internet (Neo4j's anonymous usage report).
        .setConfig(GraphDatabaseSettings.udc_enabled, false)
        // Modest page cache by default: tests and Temporal share a 2-core, 24 GB machine with this process. stack.sh
        // passes NEO4J_PAGECACHE through so that a benchmark store larger than that can be held in memory.
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(Long.getLong("sightline.pagecacheMiB", 512)))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Sightline Neo4j: shutting down");
      dbms.shutdown();
      stopped.countDown();
    }, "sightline-neo4j-shutdown"));

    setPassword(dbms, password);
    System.out.println("Sightline Neo4j 5.26 ready: bolt://127.0.0.1:" + port + " (data in " + home + ")");
    stopped.await();
  }

  /**
   * Sets the neo4j user's password on every start so the database always accepts the configured one, including the
   * first start where Neo4j would otherwise demand a change from its built-in default.
   */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    try {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (RuntimeException e) {
      // Neo4j refuses to "change" a password to its current value; that already is the state we want.
      if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
        throw e;
      }
    }
  }
}
