/**
 * Users, their roles and credentials, and the bearer tokens that prove who is calling. Other modules learn who
 * is calling through {@link dev.bazaar.identity.CurrentUser}.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform"})
@NullMarked
package dev.bazaar.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
