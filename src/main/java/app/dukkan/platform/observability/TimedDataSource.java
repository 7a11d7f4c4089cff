package app.dukkan.platform.observability;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Adds the time of every statement execution ({@code execute*} of a statement) to {@link
 * RequestDbTime}. Connections and statements are thin JDK proxies that time only those calls and
 * pass everything else straight through: nothing is recorded per parameter or per statement text.
 */
final class TimedDataSource extends DelegatingDataSource {

    TimedDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return timed(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return timed(super.getConnection(username, password));
    }

    private static Connection timed(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                TimedDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = call(proxy, connection, method, args);
                    return result instanceof Statement statement ? timed(statement) : result;
                });
    }

    private static Statement timed(Statement statement) {
        Class<?> type = statement instanceof CallableStatement
                ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        InvocationHandler handler = (proxy, method, args) -> {
            if (!method.getName().startsWith("execute")) {
                return call(proxy, statement, method, args);
            }
            long start = System.nanoTime();
            try {
                return call(proxy, statement, method, args);
            } finally {
                RequestDbTime.record(System.nanoTime() - start);
            }
        };
        return (Statement)
                Proxy.newProxyInstance(TimedDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
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
