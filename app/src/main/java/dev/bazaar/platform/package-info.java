/**
 * Infrastructure every module runs on: the embedded PostgreSQL default, per-module schema migrations and secrets
 * generated once and shared by all instances. It knows no business concept.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.bazaar.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
