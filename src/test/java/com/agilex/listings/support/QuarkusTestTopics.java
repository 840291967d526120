package com.agilex.listings.support;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * This {@code @QuarkusTest} run's topics (the %test topics in application.properties), read from
 * the running application's configuration: apart from {@link KafkaTopics}, whose helpers the
 * integration tests use too, outside Quarkus, where this configuration does not exist.
 */
public final class QuarkusTestTopics {

    public static final String EVENTS = ConfigProvider.getConfig()
            .getValue("mp.messaging.outgoing.listings-events-out.topic", String.class);
    public static final String DEAD_LETTERS = ConfigProvider.getConfig()
            .getValue("mp.messaging.outgoing.listings-events-dlq.topic", String.class);

    private QuarkusTestTopics() {
    }
}
