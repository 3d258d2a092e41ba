package dev.bazaar.identity.web;

import dev.bazaar.identity.internal.AuditTrail;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who among staff and admins changed what, newest first. */
@RestController
class AdminAuditController {

    private final AuditTrail audit;

    AdminAuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    PageResponse<AuditTrail.Entry> audit(@Valid Paging paging) {
        return paging.of(audit.page(paging.size(), paging.offset()), audit.count());
    }
}
