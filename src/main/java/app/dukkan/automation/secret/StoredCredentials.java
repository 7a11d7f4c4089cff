package app.dukkan.automation.secret;

import app.dukkan.platform.ProblemException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Credentials} in {@code automation_credentials}: each value sealed by the {@link SecretBox}
 * with the credential's name and connector as associated data, so a value copied to another row
 * does not open.
 */
@Repository
class StoredCredentials implements Credentials {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

    static final Set<String> CONNECTORS = Set.of("slack", "whatsapp", "http");
    static final int MAX_VALUE = 4096;

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final JsonMapper json;
    private final Clock clock;

    StoredCredentials(JdbcClient jdbc, SecretBox credentialsBox, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.box = credentialsBox;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Credential save(String name, String connector, String value) {
        check(name, connector, value);
        byte[] sealed = box.seal(value.getBytes(StandardCharsets.UTF_8), associatedData(name, connector));
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        insert into automation_credentials (name, connector, sealed, key_id, created_at, updated_at)
                        values (:name, :connector, :sealed, :keyId, :now, :now)
                        on conflict (name) do update set connector = excluded.connector, sealed = excluded.sealed,
                            key_id = excluded.key_id, updated_at = excluded.updated_at
                        returning name, connector, created_at, updated_at
                        """)
                .param("name", name)
                .param("connector", connector)
                .param("sealed", sealed)
                .param("keyId", box.keyId())
                .param("now", now)
                .query((rs, n) -> new Credential(
                        rs.getString("name"),
                        rs.getString("connector"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .single();
    }

    @Override
    public Optional<Revealed> reveal(String name) {
        return jdbc.sql("select name, connector, sealed from automation_credentials where name = ?")
                .param(name)
                .query((rs, n) -> {
                    String connector = rs.getString("connector");
                    byte[] value = box.open(rs.getBytes("sealed"), associatedData(name, connector));
                    return new Revealed(name, connector, new String(value, StandardCharsets.UTF_8));
                })
                .optional();
    }

    @Override
    public List<Credential> list() {
        return jdbc.sql("select name, connector, created_at, updated_at from automation_credentials order by name")
                .query((rs, n) -> new Credential(
                        rs.getString("name"),
                        rs.getString("connector"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    @Override
    public boolean delete(String name) {
        return jdbc.sql("delete from automation_credentials where name = ?")
                        .param(name)
                        .update()
                == 1;
    }

    private static byte[] associatedData(String name, String connector) {
        return ("automation_credentials\n" + name + "\n" + connector).getBytes(StandardCharsets.UTF_8);
    }

    private void check(String name, String connector, String value) {
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.invalid(
                    "name",
                    "1–63 characters: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        if (!CONNECTORS.contains(connector)) {
            throw ProblemException.invalid(
                    "connector",
                    "one of " + String.join(", ", CONNECTORS.stream().sorted().toList()));
        }
        if (value.isBlank()) {
            throw ProblemException.invalid("value", "must not be blank");
        }
        if (value.length() > MAX_VALUE) {
            throw ProblemException.invalid("value", "at most " + MAX_VALUE + " characters");
        }
        switch (connector) {
            case "slack" -> {
                URI uri;
                try {
                    uri = URI.create(value.strip());
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("value", "a Slack incoming-webhook URL (https://hooks.slack.com/…)");
                }
                if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                        || uri.getHost() == null) {
                    throw ProblemException.invalid("value", "a Slack incoming-webhook URL (https://hooks.slack.com/…)");
                }
            }
            case "whatsapp" -> {
                JsonNode node;
                try {
                    node = json.readTree(value);
                } catch (JacksonException e) {
                    node = null;
                }
                if (node == null
                        || !node.isObject()
                        || !node.path("phoneNumberId").isString()
                        || !node.path("phoneNumberId").asString().matches("\\d{1,32}")
                        || !node.path("accessToken").isString()
                        || node.path("accessToken").asString().isBlank()) {
                    throw ProblemException.invalid(
                            "value", "JSON {\"phoneNumberId\": \"digits\", \"accessToken\": \"…\"}");
                }
            }
            case "http" -> checkHeaders(value);
            default -> {}
        }
    }

    /** An {@code http} credential: the headers it adds to a step's request, e.g. its Authorization. */
    private void checkHeaders(String value) {
        String expected = "JSON of 1–10 headers, e.g. {\"Authorization\": \"Bearer …\"}, each value one line";
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject() || node.isEmpty() || node.size() > 10) {
            throw ProblemException.invalid("value", expected);
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            if (!HEADER_NAME.matcher(header.getKey()).matches()
                    || !header.getValue().isString()
                    || header.getValue().asString().isBlank()
                    || header.getValue().asString().chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw ProblemException.invalid("value", expected);
            }
        }
    }
}
