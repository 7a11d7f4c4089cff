package app.dukkan.checkout;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A postal address to ship to; {@code country} is an ISO 3166-1 alpha-2 code. */
public record Address(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) @Nullable String line2,
        @NotBlank @Size(max = 100) String city,

        @NotBlank
        @Size(max = 20)
        @Pattern(regexp = "[A-Za-z0-9 -]{2,20}", message = "letters, digits, spaces and dashes")
        String postalCode,

        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "an ISO 3166-1 alpha-2 code such as DE")
        String country,

        @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()-]{4,32}", message = "a phone number") @Nullable
        String phone) {}
