package app.dukkan.operations;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A logical dump of the shop's schema: every table's rows in PostgreSQL's binary COPY format,
 * parents before the tables that refer to them, and every sequence's position, read in one
 * snapshot. The schema itself is not in the dump but its migration version is: a restore builds
 * the schema with the same migrations, then loads the rows. This needs no client programs
 * matching the server's version, which the embedded database does not ship.
 */
final class DatabaseDump {

    private static final String FORMAT = "dukkan-dump";
    private static final int FORMAT_VERSION = 1;
    private static final String MIGRATIONS_TABLE = "flyway_schema_history";

    /** What a dump holds, told before its rows. */
    record Manifest(String schemaVersion, String appVersion, Instant createdAt) {}

    /** What was written or loaded: tables, rows and sequences. */
    record Counts(int tables, long rows, int sequences) {}

    private DatabaseDump() {}

    /**
     * Writes the dump of the connection's database in one repeatable-read snapshot, so that rows
     * written meanwhile are either wholly in it or wholly not.
     */
    static Counts write(Connection connection, String appVersion, OutputStream target)
            throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            DataOutputStream out = new DataOutputStream(target);
            out.writeUTF(FORMAT);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(schemaVersion(connection));
            out.writeUTF(appVersion);
            out.writeUTF(Instant.now().toString());
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long rows = 0;
            List<String> tables = tablesParentsFirst(connection);
            for (String table : tables) {
                String columns = columns(connection, table);
                out.writeByte('T');
                out.writeUTF(table);
                out.writeUTF(columns);
                FramedOutputStream frames = new FramedOutputStream(out);
                long copied = copy.copyOut(
                        "copy (select " + columns + " from " + quote(table) + ") to stdout (format binary)", frames);
                frames.finish();
                out.writeLong(copied);
                rows += copied;
            }
            int sequences = 0;
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("""
                            select sequencename, last_value from pg_sequences
                            where schemaname = current_schema() and last_value is not null
                            order by sequencename""")) {
                while (result.next()) {
                    out.writeByte('S');
                    out.writeUTF(result.getString(1));
                    out.writeLong(result.getLong(2));
                    sequences++;
                }
            }
            out.writeByte('E');
            out.flush();
            connection.commit();
            return new Counts(tables.size(), rows, sequences);
        } finally {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Reads the manifest at the start of a dump. */
    static Manifest manifest(DataInputStream in) throws IOException {
        if (!in.readUTF().equals(FORMAT)) {
            throw new IOException("Not a Dukkan database dump");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("Dump format " + version + " is not known to this version of Dukkan");
        }
        return new Manifest(in.readUTF(), in.readUTF(), Instant.parse(in.readUTF()));
    }

    /**
     * Loads a dump's rows (after its manifest) into a database whose schema the migrations have
     * built to the dump's version: empties every table (migrations insert rows of their own), copies
     * each table's rows, checks each count against the dump, and sets the sequences, all in one
     * transaction, so a failure leaves nothing half-loaded.
     */
    static Counts load(DataInputStream in, Connection connection) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<String> existing = tablesParentsFirst(connection);
            if (!existing.isEmpty()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("truncate "
                            + String.join(
                                    ", ",
                                    existing.stream().map(DatabaseDump::quote).toList()));
                }
            }
            Set<String> known = Set.copyOf(existing);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int tables = 0;
            int sequences = 0;
            long rows = 0;
            for (int kind = in.readByte(); kind != 'E'; kind = in.readByte()) {
                switch (kind) {
                    case 'T' -> {
                        String table = in.readUTF();
                        String columns = in.readUTF();
                        if (!known.contains(table)) {
                            throw new IOException("The dump has a table the schema has not: " + table);
                        }
                        long loaded = copy.copyIn(
                                "copy " + quote(table) + " (" + columns + ") from stdin (format binary)",
                                new FramedInputStream(in));
                        long expected = in.readLong();
                        if (loaded != expected) {
                            throw new IOException(
                                    table + ": loaded " + loaded + " rows where the dump has " + expected);
                        }
                        rows += loaded;
                        tables++;
                    }
                    case 'S' -> {
                        String sequence = in.readUTF();
                        long value = in.readLong();
                        try (PreparedStatement statement =
                                connection.prepareStatement("select setval(?::regclass, ?)")) {
                            statement.setString(1, quote(sequence));
                            statement.setLong(2, value);
                            statement.execute();
                        }
                        sequences++;
                    }
                    default -> throw new IOException("The dump is damaged (a record of kind " + kind + ")");
                }
            }
            connection.commit();
            return new Counts(tables, rows, sequences);
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static String schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select version from " + MIGRATIONS_TABLE
                        + " where success and version is not null order by installed_rank desc limit 1")) {
            if (!result.next()) {
                throw new SQLException("The database has no applied migrations");
            }
            return result.getString(1);
        }
    }

    /**
     * The schema's tables, each after the tables it refers to, so that loading them in this order
     * satisfies every foreign key as it is checked.
     */
    static List<String> tablesParentsFirst(Connection connection) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
                          and c.relname <> '%s'
                        order by c.relname""".formatted(MIGRATIONS_TABLE))) {
            while (result.next()) {
                parents.put(result.getString(1), new LinkedHashSet<>());
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        select child.relname, parent.relname from pg_constraint k
                        join pg_class child on child.oid = k.conrelid
                        join pg_class parent on parent.oid = k.confrelid
                        join pg_namespace n on n.oid = child.relnamespace
                        where k.contype = 'f' and n.nspname = current_schema() and child.oid <> parent.oid""")) {
            while (result.next()) {
                Set<String> of = parents.get(result.getString(1));
                if (of != null && parents.containsKey(result.getString(2))) {
                    of.add(result.getString(2));
                }
            }
        }
        return parentsFirst(parents);
    }

    /** Kahn's topological order; a cycle of foreign keys across tables cannot be loaded in any order. */
    static List<String> parentsFirst(Map<String, Set<String>> parents) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        parents.forEach((table, of) -> {
            waiting.put(table, of.size());
            of.forEach(parent ->
                    children.computeIfAbsent(parent, p -> new ArrayList<>()).add(table));
        });
        Deque<String> ready = new ArrayDeque<>();
        parents.keySet().stream().filter(table -> waiting.get(table) == 0).forEach(ready::add);
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String table = ready.removeFirst();
            order.add(table);
            for (String child : children.getOrDefault(table, List.of())) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (order.size() != parents.size()) {
            List<String> cycle =
                    parents.keySet().stream().filter(t -> !order.contains(t)).toList();
            throw new IllegalStateException("Foreign keys form a cycle among " + cycle);
        }
        return order;
    }

    /** The table's stored columns, quoted (generated columns are computed again on load). */
    private static String columns(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select string_agg(quote_ident(attname), ', ' order by attnum) from pg_attribute
                where attrelid = ?::regclass and attnum > 0 and not attisdropped and attgenerated = ''""")) {
            statement.setString(1, quote(table));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** COPY data as length-prefixed frames ending with an empty one, so the next record can follow. */
    private static final class FramedOutputStream extends OutputStream {

        private final DataOutputStream out;

        FramedOutputStream(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > 0) {
                out.writeInt(length);
                out.write(bytes, offset, length);
            }
        }

        void finish() throws IOException {
            out.writeInt(0);
        }

        @Override
        public void close() {
            // the dump goes on after this table
        }
    }

    /** Reads one table's frames, then ends, leaving the stream at the next record. */
    private static final class FramedInputStream extends InputStream {

        private final DataInputStream in;
        private int left;
        private boolean done;

        FramedInputStream(DataInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            while (left == 0) {
                if (done) {
                    return -1;
                }
                left = in.readInt();
                if (left < 0) {
                    throw new IOException("The dump is damaged (a frame of " + left + " bytes)");
                }
                done = left == 0;
            }
            int n = in.read(bytes, offset, Math.min(length, left));
            if (n < 0) {
                throw new IOException("The dump is cut off");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the dump goes on after this table
        }
    }
}
