package app.dukkan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.testing.DukkanTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Counting after commit, with the real transaction manager and PostgreSQL's savepoints. */
@DukkanTest
class ShopMetersTests {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    private final List<String> counted = new ArrayList<>();

    private TransactionTemplate transaction() {
        return new TransactionTemplate(transactionManager);
    }

    private TransactionTemplate savepoint() {
        TransactionTemplate nested = new TransactionTemplate(transactionManager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return nested;
    }

    private void count(String what) {
        jdbc.sql("select 1").query(Integer.class).single();
        ShopMeters.afterCommit(() -> counted.add(what));
    }

    @Test
    void countsOnlyOnceTheTransactionCommits() {
        transaction().executeWithoutResult(status -> {
            count("committed");
            assertThat(counted).as("not before the commit").isEmpty();
        });
        assertThat(counted).containsExactly("committed");

        assertThatThrownBy(() -> transaction().executeWithoutResult(status -> {
                    count("rolled back");
                    throw new IllegalStateException("rollback");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(counted).containsExactly("committed");
    }

    @Test
    void forgetsWhatARolledBackSavepointCountedAndKeepsWhatCameBeforeIt() {
        transaction().executeWithoutResult(status -> {
            count("before the savepoint");
            try {
                savepoint().executeWithoutResult(nested -> {
                    count("inside the savepoint");
                    throw new IllegalStateException("rollback to the savepoint");
                });
            } catch (IllegalStateException expected) {
                // the outer transaction goes on and commits
            }
            savepoint().executeWithoutResult(nested -> count("inside a released savepoint"));
        });
        assertThat(counted).containsExactly("before the savepoint", "inside a released savepoint");
    }

    @Test
    void countsAtOnceOutsideATransaction() {
        count("no transaction");
        assertThat(counted).containsExactly("no transaction");
    }
}
