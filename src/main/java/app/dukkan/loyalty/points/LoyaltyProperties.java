package app.dukkan.loyalty.points;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param pointsPerUnit points per whole currency unit of an order's paid total (floor of the total) */
@ConfigurationProperties("dukkan.loyalty")
record LoyaltyProperties(@DefaultValue("1") int pointsPerUnit) {

    LoyaltyProperties {
        if (pointsPerUnit < 0 || pointsPerUnit > 1000) {
            throw new IllegalArgumentException("dukkan.loyalty.points-per-unit must be between 0 and 1000");
        }
    }
}
