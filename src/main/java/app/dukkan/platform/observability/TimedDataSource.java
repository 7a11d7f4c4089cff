package app.dukkan.platform.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Adds the time of every statement execution ({@code execute*} of a statement) to {@link
 * RequestDbTime}, and inside a sampled trace makes it a span ({@code db <operation>}). Connections
 * and statements are thin JDK proxies that time only those calls and pass everything else straight
 * through: nothing is recorded per parameter or of the statement's text (only its first keyword).
 */
final class TimedDataSource extends DelegatingDataSource {

    private static final Set<String> OPERATIONS =
            Set.of("select", "insert", "update", "delete", "with", "merge", "call", "lock", "truncate", "copy");

    private final Supplier<Tracer> tracer;

    TimedDataSource(DataSource target, Supplier<Tracer> tracer) {
        super(target);
        this.tracer = tracer;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return timed(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return timed(super.getConnection(username, password));
    }

    private Connection timed(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                TimedDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = call(proxy, connection, method, args);
                    if (result instanceof Statement statement) {
                        // prepareStatement(sql, …) and prepareCall(sql, …) name their statement's operation
                        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                        return timed(statement, sql);
                    }
                    return result;
                });
    }

    private Statement timed(Statement statement, @Nullable String preparedSql) {
        Class<?> type = statement instanceof CallableStatement
                ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        InvocationHandler handler = (proxy, method, args) -> {
            if (!method.getName().startsWith("execute")) {
                return call(proxy, statement, method, args);
            }
            String sql = preparedSql != null
                    ? preparedSql
                    : args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            Span span = span(sql);
            long start = System.nanoTime();
            try {
                return call(proxy, statement, method, args);
            } catch (Throwable e) {
                if (span != null) {
                    span.error(e);
                }
                throw e;
            } finally {
                RequestDbTime.record(System.nanoTime() - start);
                if (span != null) {
                    span.end();
                }
            }
        };
        return (Statement)
                Proxy.newProxyInstance(TimedDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** A child span of the current one when that is recorded (sampled); none otherwise, at no cost. */
    private @Nullable Span span(@Nullable String sql) {
        Tracer current = tracer.get();
        Span parent = current.currentSpan();
        if (parent == null || !Boolean.TRUE.equals(parent.context().sampled())) {
            return null;
        }
        String operation = operation(sql);
        return current.nextSpan()
                .name("db " + operation)
                .tag("db.system.name", "postgresql")
                .tag("db.operation.name", operation)
                .start();
    }

    /** The statement's first keyword when it is a known one (never the text, which may hold values). */
    static String operation(@Nullable String sql) {
        if (sql == null) {
            return "statement";
        }
        int start = 0;
        while (start < sql.length() && !Character.isLetter(sql.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        String keyword = sql.substring(start, end).toLowerCase(Locale.ROOT);
        return OPERATIONS.contains(keyword) ? keyword : "statement";
    }

    /** Calls the target; a proxy is equal only to itself, as its callers expect of a connection. */
    private static Object call(Object proxy, Object target, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                if (method.getParameterCount() == 1) {
                    return proxy == args[0];
                }
                break;
            case "hashCode":
                if (method.getParameterCount() == 0) {
                    return System.identityHashCode(proxy);
                }
                break;
            default:
                break;
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
