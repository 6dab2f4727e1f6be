// A local Neo4j for development and the tests: the community DBMS with its Bolt server on loopback, auth off.
// Run as a single source file (no compile step), with the jars of pom.xml on the class path:
//   java -Xmx1g --add-opens=... -cp 'var/neo4j/lib/*' tools/neo4j/Launcher.java HOME PORT [PAGECACHE]
// PORT 0 takes a free port. Prints "neo4j ready bolt://127.0.0.1:<port>" once Bolt listens, then blocks until killed.
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.*;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public class Launcher {
    public static void main(String[] args) throws Exception {
        var dbms = new DatabaseManagementServiceBuilder(Path.of(args[0]).toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", Integer.parseInt(args[1])))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, Long.parseLong(args.length > 2 ? args[2] : "67108864"))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0) // stop in 1 s, not 12
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        var db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        var port = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        System.out.println("neo4j ready bolt://127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
