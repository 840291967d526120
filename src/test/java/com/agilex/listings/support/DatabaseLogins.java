package com.agilex.listings.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections to the tests' database as one of its roles (deploy/database/roles.sql, where each
 * local login's password is its name).
 */
public final class DatabaseLogins {

    public static final String OWNER = "listings";
    public static final String WRITER = "listings_writer";
    public static final String PROJECTOR = "listings_projector";
    public static final String READER = "listings_reader";

    private DatabaseLogins() {
    }

    /** A connection as {@code login} to the database {@code db} connects to. */
    public static Connection as(DataSource db, String login) throws SQLException {
        String url;
        try (Connection connection = db.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        return DriverManager.getConnection(url, login, login);
    }

    /** How the database answers {@code sql} run as {@code login}: the SQLException, or null when it ran. */
    public static SQLException refusal(DataSource db, String login, String sql) throws SQLException {
        try (Connection connection = as(db, login)) {
            connection.createStatement().execute(sql);
            return null;
        } catch (SQLException refused) {
            if (refused.getSQLState() == null || refused.getSQLState().startsWith("08")) {
                throw refused;  // Could not connect: not an answer to the statement.
            }
            return refused;
        }
    }
}
