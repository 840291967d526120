package com.agilex.listings.platform;

/** The roles (JWT groups) the service knows. */
public final class Roles {

    /** Reads any listing's history and runs the admin operations. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
