package app.dukkan.orders.lifecycle;

import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.PhoneOrders;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.domain.Phones;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.DataSubject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@link PhoneOrders} over {@code orders_phone_idx}, with the customers' views and return rules. */
@Component
class PhoneOrderService implements PhoneOrders {

    private static final int MAX_LIMIT = 50;

    private final OrderRepository orders;
    private final OrderOperations operations;
    private final CustomerOrderService customerOrders;

    PhoneOrderService(OrderRepository orders, OrderOperations operations, CustomerOrderService customerOrders) {
        this.orders = orders;
        this.operations = operations;
        this.customerOrders = customerOrders;
    }

    @Override
    public List<CustomerOrders.Row> recent(String phone, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return orders.placed(new OrderRepository.Search(null, null, null, e164(phone), null), 0, limit).items().stream()
                .map(CustomerOrderService::row)
                .toList();
    }

    @Override
    public Optional<CustomerOrders.Detail> find(String number, String phone) {
        String normalized = e164(phone);
        return orders.findByNumber(number)
                .filter(order -> order.status().isPlaced())
                .filter(order -> orders.fromChat(order.id(), normalized))
                .map(customerOrders::detail);
    }

    @Override
    public List<CustomerOrders.Return> requestReturn(String number, String phone, String reason) {
        if (reason.isBlank() || reason.length() > 1000) {
            throw ProblemException.invalid("reason", "must be 1 to 1000 characters");
        }
        return operations.requestReturns(number, e164(phone), reason.strip()).stream()
                .map(CustomerOrderService::view)
                .toList();
    }

    @Override
    public List<String> chatPhones(@Nullable UUID customerId, @Nullable String email) {
        return orders.chatPhones(customerId, email);
    }

    @Override
    public List<DataSubject> chatCustomers(String phone) {
        return orders.chatCustomers(phone);
    }

    private static String e164(String phone) {
        return Phones.normalize(phone)
                .orElseThrow(() ->
                        ProblemException.invalid("phone", "an international phone number such as +49 30 1234567"));
    }
}
