package app.dukkan.automation.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** Every {@link Connector} of the application, by its type. */
@Component
public class Connectors {

    private final Map<String, Connector> byType;

    Connectors(List<Connector> connectors) {
        Map<String, Connector> found = new TreeMap<>();
        for (Connector connector : connectors) {
            Connector other = found.put(connector.type(), connector);
            if (other != null) {
                throw new IllegalStateException("two connectors of type " + connector.type() + ": "
                        + other.getClass().getName() + " and "
                        + connector.getClass().getName());
            }
        }
        this.byType = Map.copyOf(found);
    }

    public Optional<Connector> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The types a workflow step may name, sorted. */
    public Set<String> types() {
        return new TreeSet<>(byType.keySet());
    }
}
