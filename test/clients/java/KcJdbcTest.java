// KcJdbcTest -- kc_ext through pgJDBC, the driver behind most BI tools.
//
// Runs against the database named by KC_DB on PGHOST/PGPORT as PGUSER (the
// suite test/suites/80-clients.sh creates it with demo/schema.sql and
// demo/data_2022.sql loaded).  KC_REPORT_SQL is demo/report.sql and
// KC_REPORT_REF psql's unaligned output of its queries, blocks separated by
// a line "---".  Every check prints "ok" or "FAIL"; a check that cannot run
// yet prints "skip: ..." and counts as neither.  The last line is
// "N passed, M failed".
//
// Nothing it writes is kept: every write happens in a transaction that is
// rolled back.

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

public class KcJdbcTest {
	static int passed = 0;
	static int failed = 0;

	static final String CAP_RULE = "allocation_within_plan";

	static void check(String what, boolean ok, Object got) {
		if (ok) {
			passed++;
			System.out.println("ok: " + what);
		} else {
			failed++;
			System.out.println("FAIL: " + what + " (got: " + got + ")");
		}
	}

	static void checkEq(String what, Object expected, Object got) {
		check(what + " = " + expected, Objects.equals(expected, got), got);
	}

	static void skip(String what) {
		System.out.println("skip: " + what);
	}

	static String env(String name, String dflt) {
		String v = System.getenv(name);
		return (v == null || v.isEmpty()) ? dflt : v;
	}

	static Connection connect(Properties extra) throws SQLException {
		String host = env("PGHOST", "127.0.0.1");
		if (host.startsWith("/"))
			host = "127.0.0.1";	// pgJDBC speaks TCP only
		String url = "jdbc:postgresql://" + host + ":" + env("PGPORT", "5432") + "/" + env("KC_DB", "kc_clients");
		Properties p = new Properties();
		p.setProperty("user", env("PGUSER", "postgres"));
		p.setProperty("ApplicationName", "kc_ext jdbc test");
		if (extra != null)
			p.putAll(extra);
		return DriverManager.getConnection(url, p);
	}

	/* The queries of demo/report.sql: psql meta-commands and comments dropped. */
	static List<String> reportQueries(String path) throws Exception {
		StringBuilder sb = new StringBuilder();
		for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
			String t = line.trim();
			if (t.startsWith("\\") || t.startsWith("--"))
				continue;
			sb.append(line).append('\n');
		}
		List<String> out = new ArrayList<>();
		for (String q : sb.toString().split(";"))
			if (!q.trim().isEmpty())
				out.add(q.trim());
		return out;
	}

	static List<List<String>> referenceBlocks(String path) throws Exception {
		List<List<String>> blocks = new ArrayList<>();
		List<String> cur = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
			if (line.equals("---")) {
				blocks.add(cur);
				cur = new ArrayList<>();
			} else
				cur.add(line);
		}
		return blocks;
	}

	static List<String> rowsAsText(Connection c, String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder sb = new StringBuilder();
				for (int i = 1; i <= n; i++) {
					if (i > 1)
						sb.append('|');
					String v = rs.getString(i);
					sb.append(v == null ? "" : v);
				}
				rows.add(sb.toString());
			}
		}
		return rows;
	}

	static void reportQueries(Connection c) throws Exception {
		List<String> queries = reportQueries(env("KC_REPORT_SQL", "demo/report.sql"));
		List<List<String>> ref = referenceBlocks(env("KC_REPORT_REF", "tmp/clients/report.ref"));
		checkEq("demo/report.sql has as many queries as psql ran", ref.size(), queries.size());
		Map<String, String> byLabel = new HashMap<>();
		for (int i = 0; i < queries.size(); i++) {
			List<String> rows = rowsAsText(c, queries.get(i));
			check("report query " + (i + 1) + ": " + rows.size() + " rows equal to psql's",
				  i < ref.size() && rows.equals(ref.get(i)), rows);
			for (String r : rows)
				byLabel.put((i + 1) + ":" + r.split("\\|")[0], r);
		}
		checkEq("whole country, as the 2022 report prints it",
				"Tổng cộng cả nước|345,5 tỷ đồng|323 tỷ đồng|93,48%", byLabel.get("1:Tổng cộng cả nước"));
		checkEq("national source", "Khuyến công quốc gia|140 tỷ đồng|136 tỷ đồng|97,14%",
				byLabel.get("1:Khuyến công quốc gia"));
		checkEq("local sources", "Khuyến công địa phương|205,5 tỷ đồng|187 tỷ đồng|90,99%",
				byLabel.get("1:Khuyến công địa phương"));
		checkEq("Ninh Bình", "Ninh Bình|8,198 tỷ đồng|8,08 tỷ đồng|98,6%", byLabel.get("3:Ninh Bình"));
	}

	/* The BI view: plain numeric and text, read with the ordinary getters. */
	static void reportViews(Connection c) throws SQLException {
		try (Statement st = c.createStatement();
			 ResultSet rs = st.executeQuery(
				 "SELECT source, source_label, planned_dong, actual_dong, fulfilment_pct "
				 + "FROM report_by_source WHERE year = 2022 ORDER BY source")) {
			ResultSetMetaData md = rs.getMetaData();
			checkEq("report_by_source.planned_dong column type", Types.NUMERIC, md.getColumnType(3));
			checkEq("report_by_source.source column type", Types.VARCHAR, md.getColumnType(1));
			// ordered by the text of source: local before national
			check("report_by_source row local", rs.next(), null);
			checkEq("local source key", "local", rs.getString(1));
			checkEq("local source label", "Khuyến công địa phương", rs.getString(2));
			checkEq("local planned_dong", new BigDecimal("205500000000"), rs.getBigDecimal(3));
			checkEq("local actual_dong", 187000000000L, rs.getLong(4));
			checkEq("local fulfilment_pct (2 decimals truncated, as the report prints 90,99)", new BigDecimal("90.99"), rs.getBigDecimal(5));
			check("report_by_source row national", rs.next(), null);
			checkEq("national source key", "national", rs.getString(1));
			checkEq("national planned_dong", new BigDecimal("140000000000"), rs.getBigDecimal(3));
			checkEq("national actual_dong", 136000000000L, rs.getLong(4));
			checkEq("national fulfilment_pct (2 decimals truncated)", new BigDecimal("97.14"), rs.getBigDecimal(5));
			// the total row (source NULL) sorts last
			check("report_by_source total row", rs.next(), null);
			checkEq("total source key", null, rs.getString(1));
			checkEq("total planned_dong", new BigDecimal("345500000000"), rs.getBigDecimal(3));
			checkEq("total fulfilment_pct (as the report prints 93,48)", new BigDecimal("93.48"), rs.getBigDecimal(5));
			check("report_by_source has exactly three 2022 rows", !rs.next(), null);
		}
		try (Statement st = c.createStatement();
			 ResultSet rs = st.executeQuery(
				 "SELECT province_name, planned_dong, actual_dong, fulfilment_pct "
				 + "FROM report_by_province WHERE year = 2022 AND province_code = 'NB'")) {
			check("report_by_province row NB", rs.next(), null);
			checkEq("NB name", "Ninh Bình", rs.getString(1));
			checkEq("NB planned_dong", new BigDecimal("8198000000"), rs.getBigDecimal(2));
			checkEq("NB actual_dong", new BigDecimal("8080000000"), rs.getBigDecimal(3));
			checkEq("NB fulfilment_pct (1 decimal half up, as the report prints 98,6)", new BigDecimal("98.6"), rs.getBigDecimal(4));
		}
	}

	/* kc_money and kc_plan columns read with every getter a tool uses. */
	static void typedReads(Connection c) throws SQLException {
		String sql = "SELECT approved, approved::text, kc_plan(approved, '1.234.567 đồng') "
			+ "FROM fund_plan WHERE year = 2022 AND province_code = 'NB' AND source = 'national'";
		// twice: the second run goes through a server-side prepared statement
		// (prepareThreshold=1), the way pooled BI connections run it
		Properties p = new Properties();
		p.setProperty("prepareThreshold", "1");
		try (Connection pc = connect(p); PreparedStatement ps = pc.prepareStatement(sql)) {
			for (int round = 1; round <= 2; round++) {
				try (ResultSet rs = ps.executeQuery()) {
					String r = " (execution " + round + ")";
					check("NB national plan row" + r, rs.next(), null);
					checkEq("kc_money getBigDecimal" + r, new BigDecimal("3200000000"), rs.getBigDecimal(1));
					checkEq("kc_money getLong" + r, 3200000000L, rs.getLong(1));
					checkEq("kc_money getString" + r, "3200000000", rs.getString(1));
					Object o = rs.getObject(1);
					check("kc_money getObject is a PGobject of type kc_money with the digits" + r,
						  o instanceof PGobject && "kc_money".equals(((PGobject) o).getType())
						  && "3200000000".equals(((PGobject) o).getValue()), o);
					checkEq("kc_plan getString" + r, "(3200000000,1234567)", rs.getString(3));
					checkEq("column type name" + r, "kc_money", rs.getMetaData().getColumnTypeName(1));
				}
			}
		}
		try (Statement st = c.createStatement();
			 ResultSet rs = st.executeQuery(
				 "SELECT '-9223372036854775808'::kc_money, '9223372036854775807'::kc_money, "
				 + "sum(amount) FROM allocation")) {
			rs.next();
			checkEq("kc_money minimum getLong", Long.MIN_VALUE, rs.getLong(1));
			checkEq("kc_money maximum getBigDecimal", new BigDecimal("9223372036854775807"), rs.getBigDecimal(2));
			check("sum(kc_money) getBigDecimal is positive and whole",
				  rs.getBigDecimal(3).signum() > 0 && rs.getBigDecimal(3).scale() == 0, rs.getBigDecimal(3));
		}
	}

	static Map<String, Object[]> columns(DatabaseMetaData md, String table) throws SQLException {
		Map<String, Object[]> m = new HashMap<>();
		try (ResultSet rs = md.getColumns(null, "public", table, "%")) {
			while (rs.next())
				m.put(rs.getString("COLUMN_NAME"),
					  new Object[] {rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")});
		}
		return m;
	}

	static void metadata(Connection c) throws SQLException {
		DatabaseMetaData md = c.getMetaData();
		Map<String, Object[]> fp = columns(md, "fund_plan");
		checkEq("getColumns(fund_plan) column count", 6, fp.size());
		checkEq("fund_plan.approved TYPE_NAME", "kc_money", fp.get("approved")[1]);
		// pgJDBC reports every extension base type as Types.OTHER, with its
		// name: the tool learns the name, and the report views carry numbers
		checkEq("fund_plan.approved DATA_TYPE (OTHER)", Types.OTHER, fp.get("approved")[0]);
		checkEq("fund_plan.year DATA_TYPE", Types.INTEGER, fp.get("year")[0]);
		checkEq("fund_plan.id DATA_TYPE", Types.BIGINT, fp.get("id")[0]);
		checkEq("fund_plan.source TYPE_NAME", "kc_source", fp.get("source")[1]);
		Map<String, Object[]> al = columns(md, "allocation");
		checkEq("allocation.amount TYPE_NAME", "kc_money", al.get("amount")[1]);
		Map<String, Object[]> pf = columns(md, "plan_fulfilment");
		checkEq("plan_fulfilment.planned TYPE_NAME", "kc_money", pf.get("planned")[1]);
		checkEq("plan_fulfilment.actual TYPE_NAME", "kc_money", pf.get("actual")[1]);
		for (String view : new String[] {"report_by_source", "report_by_province"}) {
			Map<String, Object[]> v = columns(md, view);
			checkEq(view + ".planned_dong DATA_TYPE (NUMERIC)", Types.NUMERIC, v.get("planned_dong")[0]);
			checkEq(view + ".actual_dong DATA_TYPE (NUMERIC)", Types.NUMERIC, v.get("actual_dong")[0]);
			checkEq(view + ".fulfilment_pct DATA_TYPE (NUMERIC)", Types.NUMERIC, v.get("fulfilment_pct")[0]);
			checkEq(view + ".year DATA_TYPE (INTEGER)", Types.INTEGER, v.get("year")[0]);
			boolean noKc = true;
			for (Object[] col : v.values())
				if (((String) col[1]).startsWith("kc_"))
					noKc = false;
			check(view + " has no kc_ext-typed column", noKc, v.keySet());
		}
		Map<String, Object[]> rs = columns(md, "report_by_source");
		checkEq("report_by_source.source DATA_TYPE (VARCHAR)", Types.VARCHAR, rs.get("source")[0]);
		checkEq("report_by_source.source TYPE_NAME", "text", rs.get("source")[1]);
	}

	static String sqlState(SQLException e) {
		return e.getSQLState();
	}

	/* kc_money parameters bound from BigDecimal, long and String. */
	static void parameters(Connection c) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT ?::kc_money, kc_format(?::kc_money, 'tỷ')")) {
			ps.setBigDecimal(1, new BigDecimal("345500000000"));
			ps.setBigDecimal(2, new BigDecimal("345500000000"));
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				checkEq("setBigDecimal -> kc_money", 345500000000L, rs.getLong(1));
				checkEq("setBigDecimal -> kc_format", "345,5 tỷ đồng", rs.getString(2));
			}
			ps.setLong(1, 8198000000L);
			ps.setLong(2, 8198000000L);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				checkEq("setLong -> kc_money", "8198000000", rs.getString(1));
				checkEq("setLong -> kc_format", "8,198 tỷ đồng", rs.getString(2));
			}
			ps.setString(1, "345,5 tỷ");
			ps.setString(2, "8,198 tỷ đồng");
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				checkEq("setString('345,5 tỷ') -> kc_money", new BigDecimal("345500000000"), rs.getBigDecimal(1));
				checkEq("setString('8,198 tỷ đồng') -> kc_format", "8,198 tỷ đồng", rs.getString(2));
			}
			ps.setBigDecimal(1, new BigDecimal("1.5"));
			ps.setLong(2, 0);
			try (ResultSet rs = ps.executeQuery()) {
				check("setBigDecimal(1.5) is refused", false, "no error");
			} catch (SQLException e) {
				checkEq("setBigDecimal(1.5): SQLSTATE", "22P02", sqlState(e));
			}
			ps.setString(1, "1,5 đồng");
			try (ResultSet rs = ps.executeQuery()) {
				check("setString('1,5 đồng') is refused", false, "no error");
			} catch (SQLException e) {
				checkEq("setString('1,5 đồng'): SQLSTATE", "22P02", sqlState(e));
				check("setString('1,5 đồng'): the message names the value",
					  e.getMessage().contains("1,5 đồng"), e.getMessage());
			}
		}

		// Into a kc_money column, without casts in the SQL, the way a tool
		// writes an INSERT.  Strings need stringtype=unspecified: pgJDBC
		// otherwise declares them varchar, and PostgreSQL converts text to a
		// type only in an explicit cast.
		Properties p = new Properties();
		p.setProperty("stringtype", "unspecified");
		try (Connection wc = connect(p)) {
			wc.setAutoCommit(false);
			long planId, projectId;
			try (Statement st = wc.createStatement();
				 ResultSet rs = st.executeQuery(
					 "SELECT a.plan_id, a.project_id FROM allocation a ORDER BY a.id LIMIT 1")) {
				rs.next();
				planId = rs.getLong(1);
				projectId = rs.getLong(2);
			}
			try (PreparedStatement ps = wc.prepareStatement(
					 "INSERT INTO payment (allocation_id, kind, amount, paid_on) "
					 + "VALUES ((SELECT min(id) FROM allocation WHERE plan_id = ? AND project_id = ?), "
					 + "'advance', ?, current_date) RETURNING amount")) {
				ps.setLong(1, planId);
				ps.setLong(2, projectId);
				ps.setBigDecimal(3, new BigDecimal("1000"));
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					checkEq("INSERT ... amount = setBigDecimal(1000)", 1000L, rs.getLong(1));
				}
				ps.setLong(3, 2000L);
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					checkEq("INSERT ... amount = setLong(2000)", 2000L, rs.getLong(1));
				}
				ps.setInt(3, 70000);
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					checkEq("INSERT ... amount = setInt(70000)", 70000L, rs.getLong(1));
				}
				ps.setShort(3, (short) 500);
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					checkEq("INSERT ... amount = setShort(500)", 500L, rs.getLong(1));
				}
				ps.setString(3, "3 nghìn");
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					checkEq("INSERT ... amount = setString('3 nghìn') (stringtype=unspecified)", 3000L, rs.getLong(1));
				}
			} finally {
				wc.rollback();
			}
		}
	}

	static boolean capInstalled(Connection c) throws SQLException {
		try (Statement st = c.createStatement();
			 ResultSet rs = st.executeQuery(
				 "SELECT to_regprocedure('kc_enforce_cap(text,regclass,text[],text,regclass,text[],text)') IS NOT NULL")) {
			rs.next();
			return rs.getBoolean(1);
		}
	}

	/* A batch insert that breaks the plan cap: 23514, the rule as the constraint. */
	static void capBatch(Connection c) throws SQLException {
		if (!capInstalled(c)) {
			skip("cap batch (SQLSTATE 23514, constraint " + CAP_RULE
				 + "): kc_enforce_cap(text,regclass,text[],text,regclass,text[],text) is not installed");
			return;
		}
		c.setAutoCommit(false);
		try {
			long planId, projectId;
			BigDecimal approved;
			try (Statement st = c.createStatement();
				 ResultSet rs = st.executeQuery(
					 "SELECT fp.id, p.id, fp.approved FROM fund_plan fp JOIN project p "
					 + "ON p.province_code = fp.province_code AND p.source = fp.source AND p.year = fp.year "
					 + "WHERE fp.year = 2022 AND fp.province_code = 'NB' AND fp.source = 'national' "
					 + "ORDER BY p.id LIMIT 1")) {
				rs.next();
				planId = rs.getLong(1);
				projectId = rs.getLong(2);
				approved = rs.getBigDecimal(3);
			}
			try (PreparedStatement ps = c.prepareStatement(
					 "INSERT INTO allocation (plan_id, project_id, amount) VALUES (?, ?, ?)")) {
				// a row that fits nowhere near, then one that is the whole plan
				// again: together they exceed it whatever is allocated already
				ps.setLong(1, planId);
				ps.setLong(2, projectId);
				ps.setBigDecimal(3, BigDecimal.ONE);
				ps.addBatch();
				ps.setLong(1, planId);
				ps.setLong(2, projectId);
				ps.setBigDecimal(3, approved);
				ps.addBatch();
				try {
					ps.executeBatch();
					check("batch over the plan raises an SQLException", false, "no error");
				} catch (SQLException e) {
					check("batch over the plan raises a BatchUpdateException",
						  e instanceof BatchUpdateException, e.getClass());
					checkEq("BatchUpdateException SQLSTATE", "23514", e.getSQLState());
					SQLException cause = e.getNextException();
					check("getNextException is a PSQLException", cause instanceof PSQLException, cause);
					if (cause instanceof PSQLException) {
						ServerErrorMessage sem = ((PSQLException) cause).getServerErrorMessage();
						checkEq("server error SQLSTATE", "23514", sem == null ? null : sem.getSQLState());
						checkEq("server error constraint", CAP_RULE, sem == null ? null : sem.getConstraint());
						checkEq("server error table", "allocation", sem == null ? null : sem.getTable());
						check("server error message names the rule",
							  sem != null && sem.getMessage() != null && sem.getMessage().contains(CAP_RULE),
							  sem == null ? null : sem.getMessage());
					}
				}
			}
		} finally {
			c.rollback();
			c.setAutoCommit(true);
		}
	}

	public static void main(String[] args) {
		try (Connection c = connect(null)) {
			checkEq("driver", "PostgreSQL JDBC Driver", c.getMetaData().getDriverName());
			System.out.println("pgJDBC " + c.getMetaData().getDriverVersion());
			reportQueries(c);
			reportViews(c);
			typedReads(c);
			metadata(c);
			parameters(c);
			capBatch(c);
		} catch (Throwable t) {
			failed++;
			System.out.println("FAIL: unexpected " + t);
			t.printStackTrace(System.out);
		}
		System.out.println(passed + " passed, " + failed + " failed");
		System.exit(failed == 0 ? 0 : 1);
	}
}
