package app.dukkan.admin.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.util.unit.DataSize;

/**
 * A size (a configured limit) as the console shows it: megabytes, kilobytes or bytes with the
 * number in the page's language ({@code console.size.}). A message argument, so that a text names
 * the limit as configured.
 */
public final class ConsoleSizes {

    private static final long KILOBYTE = DataSize.ofKilobytes(1).toBytes();
    private static final long MEGABYTE = DataSize.ofMegabytes(1).toBytes();

    private ConsoleSizes() {}

    public static MessageSourceResolvable readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= MEGABYTE) {
            return text("console.size.megabytes", tenths(bytes, MEGABYTE));
        }
        if (bytes >= KILOBYTE) {
            return text("console.size.kilobytes", tenths(bytes, KILOBYTE));
        }
        return text("console.size.bytes", bytes);
    }

    /** Rounded down: a limit shown is never above the real one. */
    private static BigDecimal tenths(long bytes, long unit) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), 1, RoundingMode.DOWN);
    }

    private static MessageSourceResolvable text(String code, Object number) {
        return new DefaultMessageSourceResolvable(new String[] {code}, new Object[] {number});
    }
}
