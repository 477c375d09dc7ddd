// KcReplicaRead -- a BI tool's connection to a primary and its read replica.
//
// Usage: java KcReplicaRead PRIMARY_PORT STANDBY_PORT DATABASE (host
// 127.0.0.1, user PGUSER).  One multi-host pgJDBC URL lists both servers;
// targetServerType=preferSecondary must land on the standby and
// targetServerType=primary on the primary, and the report view must read
// the same on both.  Prints its checks and "N passed, M failed".

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

public class KcReplicaRead {
	static int passed = 0;
	static int failed = 0;

	static void check(String what, boolean ok, Object got) {
		if (ok) {
			passed++;
			System.out.println("ok: " + what);
		} else {
			failed++;
			System.out.println("FAIL: " + what + " (got: " + got + ")");
		}
	}

	static List<String> report(Connection c) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement st = c.createStatement();
			 ResultSet rs = st.executeQuery(
				 "SELECT year, source, planned_dong, actual_dong, fulfilment_pct "
				 + "FROM report_by_source ORDER BY year, source")) {
			while (rs.next()) {
				BigDecimal planned = rs.getBigDecimal(3);
				BigDecimal actual = rs.getBigDecimal(4);
				rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + planned.toPlainString() + "|"
						 + actual.toPlainString() + "|" + rs.getBigDecimal(5));
			}
		}
		return rows;
	}

	static boolean inRecovery(Connection c) throws SQLException {
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
			rs.next();
			return rs.getBoolean(1);
		}
	}

	public static void main(String[] args) {
		String url = "jdbc:postgresql://127.0.0.1:" + args[0] + ",127.0.0.1:" + args[1] + "/" + args[2];
		String user = System.getenv("PGUSER") == null ? "postgres" : System.getenv("PGUSER");
		try {
			Properties p = new Properties();
			p.setProperty("user", user);
			p.setProperty("targetServerType", "preferSecondary");
			p.setProperty("readOnly", "true");
			List<String> onStandby;
			try (Connection c = DriverManager.getConnection(url, p)) {
				check("targetServerType=preferSecondary connects to the standby", inRecovery(c), false);
				onStandby = report(c);
			}
			p.setProperty("targetServerType", "primary");
			p.remove("readOnly");
			List<String> onPrimary;
			try (Connection c = DriverManager.getConnection(url, p)) {
				check("targetServerType=primary connects to the primary", !inRecovery(c), true);
				onPrimary = report(c);
			}
			check("report_by_source has rows", !onPrimary.isEmpty(), onPrimary);
			check("report_by_source through JDBC is the same on standby and primary: " + onPrimary,
				  Objects.equals(onPrimary, onStandby), onStandby);
		} catch (Throwable t) {
			failed++;
			System.out.println("FAIL: unexpected " + t);
		}
		System.out.println(passed + " passed, " + failed + " failed");
		System.exit(failed == 0 ? 0 : 1);
	}
}
