/**
 * Shipments: what left the warehouse for which order, with which carrier and tracking number, and whether it
 * arrived. Staff work through the order module's fulfilment endpoints, which lock the order first and then record
 * the shipment here, so shipping and cancelling never race.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform"})
@NullMarked
package dev.bazaar.fulfillment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
