import java.sql.*;
import java.util.*;

// Run by test/serve/jdbc.test.ts (compiled there into a temp dir) against hookql serve with the
// PostgreSQL JDBC driver: what DBeaver and BI tools do on connect and browse (SCRAM password,
// DatabaseMetaData.getTables / getColumns), then a PreparedStatement with ? parameters run several
// times (pgjdbc switches to a named server-side statement after 5 uses), values read by type, an
// error with its SQLState, and a refused write. Prints one line per check, "key=value".
public class HookqlJdbc {
  public static void main(String[] a) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + a[0] + "/hookql?sslmode=disable&ApplicationName=jdbc-test";
    String workspace = a[2], resource = a[3];
    try (Connection c = DriverManager.getConnection(url, "alice", a[1])) {
      DatabaseMetaData md = c.getMetaData();
      System.out.println("product=" + md.getDatabaseProductName() + " " + md.getDatabaseMajorVersion());
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, "ml", "%", new String[] {"TABLE", "VIEW"})) {
        while (rs.next()) tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
      }
      System.out.println("tables=" + String.join(",", tables));
      List<String> cols = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "ml", "model_registry_webhooks", "%")) {
        while (rs.next()) cols.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME") + ":" + rs.getInt("DATA_TYPE"));
      }
      System.out.println("columns=" + String.join(",", cols));
      String q = "SELECT model_name, creation_timestamp, events, creation_timestamp > 0 AS positive FROM " + resource + " WHERE workspace = ? AND model_name = ?";
      try (PreparedStatement ps = c.prepareStatement(q)) {
        for (String m : new String[] {"churn", "fraud", "churn", "fraud", "churn", "fraud"}) {
          ps.setString(1, workspace);
          ps.setString(2, m);
          try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData rm = rs.getMetaData();
            rs.next();
            System.out.println("row=" + rs.getString(1) + "|" + (rs.getLong(2) > 0) + "|" + rs.getObject(2).getClass().getSimpleName() + "|" + rs.getString(3) + "|" + rs.getBoolean(4) + "|" + rm.getColumnTypeName(2) + "," + rm.getColumnTypeName(3) + "," + rm.getColumnTypeName(4));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + resource + " WHERE workspace = ? LIMIT ?")) {
        ps.setString(1, workspace);
        ps.setInt(2, 10);
        try (ResultSet rs = ps.executeQuery()) { rs.next(); System.out.println("count=" + rs.getLong(1)); }
      }
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT nope FROM " + resource + " WHERE workspace = '" + workspace + "'");
      } catch (SQLException e) {
        System.out.println("error=" + e.getSQLState() + "|" + e.getMessage().split("\n")[0]);
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + resource + " WHERE workspace = ? AND id = ?")) {
        ps.setString(1, workspace);
        ps.setString(2, "abc");
        ps.executeUpdate();
      } catch (SQLException e) {
        System.out.println("write=" + e.getSQLState() + "|" + e.getMessage().split("\n")[0]);
      }
    }
  }
}
