package dev.bazaar.order;

import dev.bazaar.shared.web.CountryCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Where the order goes. {@code country} is an ISO-3166 alpha-2 code ({@code DE}, {@code FR}). */
public record ShippingAddress(@NotBlank @Size(max = 200) String name,
                              @NotBlank @Size(max = 200) String line1,
                              @Size(max = 200) String line2,
                              @NotBlank @Size(max = 200) String city,
                              @NotBlank @Size(max = 20) String postalCode,
                              @NotNull @CountryCode String country) {
}
