package dev.bazaar.identity;

/** What a user may do. A user may hold several roles. */
public enum Role {
    /** Browses, buys and tracks their own orders. */
    CUSTOMER,
    /** Store staff: restocks and fulfils orders. */
    STAFF,
    /** Manages the catalog, users, refunds and webhooks. */
    ADMIN;

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
