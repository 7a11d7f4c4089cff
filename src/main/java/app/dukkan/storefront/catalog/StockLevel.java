package app.dukkan.storefront.catalog;

/**
 * A variant's availability as a product page words it (in stock, a few left, sold out) and how many
 * units its add-to-cart form takes at most; the page and its live updates render it alike.
 *
 * @param lineLimit the most units one cart line holds
 */
public record StockLevel(int available, int lineLimit) {

    /** Below this many units a product page says how many are left. */
    public static final int FEW_LEFT = 5;

    public boolean canBuy() {
        return available > 0;
    }

    public boolean fewLeft() {
        return canBuy() && available <= FEW_LEFT;
    }

    /** The most a shopper can put into the cart at once: what is available, at most the line limit. */
    public int maxQuantity() {
        return Math.max(0, Math.min(available, lineLimit));
    }
}
