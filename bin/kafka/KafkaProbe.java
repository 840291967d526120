import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * Readiness probe for bin/stack: a real client call (describe cluster) against the broker.
 * Usage: java -cp <kafka classpath> KafkaProbe.java host:port [timeout-seconds]. Exit 0 when ready.
 */
public class KafkaProbe {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int timeoutSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutSeconds * 1000));
        try (Admin admin = Admin.create(config)) {
            DescribeClusterResult cluster = admin.describeCluster();
            String id = cluster.clusterId().get(timeoutSeconds, TimeUnit.SECONDS);
            int brokers = cluster.nodes().get(timeoutSeconds, TimeUnit.SECONDS).size();
            System.out.println("Kafka ready at " + bootstrap + ": cluster " + id + ", " + brokers + " broker(s)");
        } catch (Exception e) {
            System.err.println("Kafka not ready at " + bootstrap + ": " + e);
            System.exit(1);
        }
    }
}
