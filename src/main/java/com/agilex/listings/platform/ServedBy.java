package com.agilex.listings.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST resource: the roles whose processes serve its routes ({@link Role#ALL} serves them
 * all). {@link ServedRoutes} reads it, with the resource's own {@code @Path} and HTTP method
 * annotations, so a route is written once. That reading is reflection: a resource that carries
 * this also carries {@code @RegisterForReflection}, so the native image keeps its annotations.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServedBy {

    Role[] value();

    /** A boolean setting that must be true for the routes to be served at all; none when empty. */
    String onlyIf() default "";
}
