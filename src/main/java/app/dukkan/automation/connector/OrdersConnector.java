package app.dukkan.automation.connector;

import app.dukkan.orders.ShippedOrders;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code orders}: reads the shop's orders for the steps after it; changes nothing, so a test run
 * reads them too. {@code shippedOn} (a day, {@code 2026-12-05}) in {@code zone} lists the orders
 * shipped that day, at most {@value ShippedOrders#MAX}. Output {@code {items, count}}; each item has
 * the order's number, email, phone as written, {@code whatsapp} (the phone as WhatsApp wants it:
 * international digits, or null when the number has no country code), name, carrier, tracking
 * number and when it was shipped.
 */
@Component
class OrdersConnector extends CheckedConnector {

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "shippedOn": {"type": "string", "pattern": "^(\\\\d{4}-\\\\d{2}-\\\\d{2}|.*\\\\{\\\\{.*)$"},
                "zone": {"type": "string", "minLength": 1, "maxLength": 64}
              },
              "required": ["shippedOn"],
              "additionalProperties": false
            }""";

    private final ShippedOrders shipped;

    OrdersConnector(ShippedOrders shipped, JsonMapper json) {
        super("orders", SCHEMA, json);
        this.shipped = shipped;
    }

    @Override
    StepResult perform(StepCall call, Map<String, Object> input) {
        LocalDate day;
        ZoneId zone;
        try {
            day = LocalDate.parse(Inputs.string(input, "shippedOn"));
            zone = input.get("zone") == null ? ZoneId.of("UTC") : ZoneId.of(Inputs.string(input, "zone"));
        } catch (DateTimeException e) {
            throw new ConnectorException("shippedOn and zone: a day such as 2026-12-05 and a time zone", false);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (ShippedOrders.Shipped order : shipped.between(
                day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", order.number());
            item.put("email", order.email());
            item.put("phone", order.phone());
            item.put("whatsapp", whatsapp(order.phone()));
            item.put("name", order.name());
            item.put("carrier", order.carrier());
            item.put("trackingNumber", order.trackingNumber());
            item.put("shippedAt", order.shippedAt().toString());
            items.add(item);
        }
        return new StepResult(Map.of("items", items, "count", items.size()), null);
    }

    /** International digits ({@code +49 30 123} or {@code 0049 30 123} → {@code 4930123}), else null. */
    static @Nullable String whatsapp(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        String trimmed = phone.strip();
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (trimmed.startsWith("+")) {
            return digits.length() >= 8 ? digits : null;
        }
        if (trimmed.startsWith("00") && digits.length() >= 10) {
            return digits.substring(2);
        }
        return null;
    }
}
