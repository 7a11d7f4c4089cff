package app.dukkan.checkout.privacy;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account's cart, and the coupon uses and holds counted against the person's email. An erasure
 * deletes the cart and re-keys the uses by their order, so that coupons' caps still count them but
 * nothing leads back to the email (the erased person could use a once-per-customer coupon again).
 * Guests' carts are known only by their cookie and stay until they expire.
 */
@Component
class CheckoutPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final ExportRows rows;

    CheckoutPersonalData(JdbcClient jdbc, ExportRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public String part() {
        return "checkout";
    }

    @Override
    public Object export(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cart", rows.rows("""
                select l.variant_id, l.quantity, l.created_at, l.updated_at
                from carts c join cart_lines l on l.cart_id = c.id
                where c.user_id = :user order by l.created_at, l.id""", params));
        out.put("coupon_uses", rows.rows("""
                select c.code, r.order_id, r.redeemed_at
                from coupon_redemptions r join coupons c on c.id = r.coupon_id
                where r.customer_key = :email order by r.redeemed_at, r.order_id""", params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        jdbc.sql("delete from carts where user_id = :user").params(params).update();
        jdbc.sql("""
                        update coupon_redemptions set customer_key = 'erased:' || order_id
                        where customer_key = :email""").params(params).update();
        jdbc.sql("update coupon_holds set customer_key = 'erased:' || order_id where customer_key = :email")
                .params(params)
                .update();
    }
}
