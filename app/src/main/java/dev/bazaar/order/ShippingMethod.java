package dev.bazaar.order;

/** How the parcel travels; priced by the cart's checkout. */
public enum ShippingMethod {
    STANDARD,
    EXPRESS
}
