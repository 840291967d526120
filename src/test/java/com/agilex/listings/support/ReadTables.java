package com.agilex.listings.support;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Dumps rows of the read tables as text, to compare the read model before and after. */
public final class ReadTables {

    private ReadTables() {
    }

    /** Every row the query returns, each as "col=value, ..." in column order. */
    public static List<String> rows(DataSource db, String sql, Object... params) {
        try (var connection = db.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            var rows = new ArrayList<String>();
            try (var result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    var row = new StringBuilder();
                    for (int c = 1; c <= columns; c++) {
                        row.append(result.getMetaData().getColumnName(c)).append('=').append(result.getString(c)).append(", ");
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
