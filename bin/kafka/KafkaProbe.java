import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Readiness probe for bin/stack: a real client call (describe cluster) against the broker, then
 * creates the given topics if they are missing.
 * Usage: java -cp <kafka classpath> KafkaProbe.java host:port timeout-seconds [topic:partitions...]
 * Exit 0 when ready.
 */
public class KafkaProbe {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int timeoutSeconds = Integer.parseInt(args[1]);
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutSeconds * 1000));
        try (Admin admin = Admin.create(config)) {
            DescribeClusterResult cluster = admin.describeCluster();
            String id = cluster.clusterId().get(timeoutSeconds, TimeUnit.SECONDS);
            int brokers = cluster.nodes().get(timeoutSeconds, TimeUnit.SECONDS).size();
            Set<String> existing = admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                String[] topic = args[i].split(":");
                if (!existing.contains(topic[0])) {
                    missing.add(new NewTopic(topic[0], Integer.parseInt(topic[1]), (short) 1));
                }
            }
            admin.createTopics(missing).all().get(timeoutSeconds, TimeUnit.SECONDS);
            System.out.println("Kafka ready at " + bootstrap + ": cluster " + id + ", " + brokers + " broker(s)"
                    + (missing.isEmpty() ? "" : ", created " + missing.stream().map(NewTopic::name).toList()));
        } catch (Exception e) {
            System.err.println("Kafka not ready at " + bootstrap + ": " + e);
            System.exit(1);
        }
    }
}
