package dev.bazaar.inventory;

/** Why staff changed a SKU's stock by hand. */
public enum AdjustmentReason {
    /** Goods arrived: a positive delta. */
    RESTOCK,
    /** A count found a difference: either sign. */
    CORRECTION,
    /** Goods were found broken or lost: a negative delta. */
    DAMAGE
}
