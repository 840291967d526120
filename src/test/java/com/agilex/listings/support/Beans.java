package com.agilex.listings.support;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import jakarta.enterprise.context.ApplicationScoped;

/** What the application context holds: whether a bean was ever created, without creating it. */
public final class Beans {

    private Beans() {
    }

    public static boolean created(Class<?> type) {
        InjectableBean<?> bean = Arc.container().instance(type).getBean();
        return Arc.container().getActiveContext(ApplicationScoped.class).get(bean) != null;
    }
}
