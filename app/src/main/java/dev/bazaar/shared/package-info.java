/**
 * The shared kernel: exact {@link dev.bazaar.shared.Money}, typed identifiers, problem-details errors and the clock.
 * Every module may use it; it depends on no module. Keep it small.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.bazaar.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
