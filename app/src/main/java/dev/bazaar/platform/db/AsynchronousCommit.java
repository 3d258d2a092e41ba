package dev.bazaar.platform.db;

/**
 * Lets one transaction commit without waiting for the disk, at no extra round trip (ADR 0009): a statement of that
 * transaction adds {@link #CONDITION} to its {@code WHERE} clause. Only for writes whose loss in a database crash
 * makes the work run again (a publication that comes back, a webhook sent again); the setting lasts until the
 * transaction ends.
 */
public final class AsynchronousCommit {

    /** Always true; on the way it sets {@code synchronous_commit = off} for the current transaction alone. */
    public static final String CONDITION = "set_config('synchronous_commit', 'off', true) = 'off'";

    private AsynchronousCommit() {
    }
}
