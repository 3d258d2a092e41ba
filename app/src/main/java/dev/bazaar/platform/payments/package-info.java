/** Which Payment System the shop runs with, decided once at start-up (a wrong choice refuses to start). */
@NullMarked
package dev.bazaar.platform.payments;

import org.jspecify.annotations.NullMarked;
