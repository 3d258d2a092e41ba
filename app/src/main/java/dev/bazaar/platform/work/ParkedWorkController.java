package dev.bazaar.platform.work;

import dev.bazaar.shared.ids.TimeOrderedIds;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import dev.bazaar.shared.web.ProblemException;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins see the background work that failed too often (or was refused outright) and give it one more try. ADMIN only,
 * by the URL rule of {@code /api/admin/**}. An id that names nothing, whatever its format, is a 404 (API.md).
 */
@RestController
class ParkedWorkController {

    private final FailedWork failures;

    ParkedWorkController(FailedWork failures) {
        this.failures = failures;
    }

    /** Parked work, longest parked first. */
    @GetMapping("/api/admin/parked")
    PageResponse<FailedWork.Parked> parked(@Valid Paging paging) {
        return paging.of(failures.parked(paging.size(), paging.offset()), failures.parkedCount());
    }

    /** 202: the work's job tries it at its next run (a failure then parks it again at once). */
    @PostMapping("/api/admin/parked/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable String id) {
        var work = TimeOrderedIds.parse(id).orElseThrow(() -> ProblemException.notFound("Parked work " + id));
        if (!failures.retry(work)) {
            throw ProblemException.notFound("Parked work " + id);
        }
        return ResponseEntity.accepted().build();
    }
}
