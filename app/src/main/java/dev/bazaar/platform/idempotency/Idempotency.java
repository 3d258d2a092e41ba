package dev.bazaar.platform.idempotency;

import dev.bazaar.shared.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs a request at most once per {@code Idempotency-Key} and caller, and answers replays with the stored result.
 * <p>
 * The key row is inserted in the same transaction as the work it guards and completed with the response before
 * that transaction commits. A concurrent request with the same key therefore waits on the key's unique index until
 * the first commits, then replays its answer; if the first fails, nothing of it was written (key included), so the
 * retry simply runs. Failures are not stored: a request that was refused changed nothing, and may be retried.
 * The same key with a different request (operation or body) is refused with 422.
 */
@Component
public class Idempotency {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final JsonMapper canonical;

    Idempotency(JdbcClient jdbc, TransactionTemplate transaction, JsonMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.canonical = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    /**
     * Runs {@code work} once for this caller and key, in one transaction with the key.
     *
     * @param operation names what is done ("checkout", "payment-retry:ORDER_ID"); part of what must match on replay
     * @param request   the request body (or anything standing for the request) whose replays must be identical
     */
    public ResponseEntity<?> once(UUID caller, String key, String operation, Object request, Supplier<ResponseEntity<?>> work) {
        if (key == null || key.isEmpty() || key.length() > 255) {
            throw ProblemException.badRequest("idempotency-key", "The Idempotency-Key header must be 1 to 255 characters.");
        }
        String fingerprint = fingerprint(operation, request);
        return transaction.execute(status -> {
            boolean first = jdbc.sql("""
                            insert into platform.idempotency_keys (caller, key, fingerprint, started_at)
                            values (:caller, :key, :fingerprint, now()) on conflict do nothing""")
                    .param("caller", caller).param("key", key).param("fingerprint", fingerprint)
                    .update() == 1;
            if (!first) {
                return replay(caller, key, fingerprint);
            }
            ResponseEntity<?> response = work.get();
            String body = response.getBody() == null ? null : json.writeValueAsString(response.getBody());
            jdbc.sql("""
                            update platform.idempotency_keys set status = :status, body = :body, location = :location,
                                   completed_at = now()
                            where caller = :caller and key = :key""")
                    .param("status", response.getStatusCode().value())
                    .param("body", body)
                    .param("location", Optional.ofNullable(response.getHeaders().getLocation()).map(Object::toString).orElse(null))
                    .param("caller", caller).param("key", key)
                    .update();
            // the first answer is the stored text too: written once, and byte for byte what a replay gets
            return body == null ? response : ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_JSON).body(body);
        });
    }

    private ResponseEntity<?> replay(UUID caller, String key, String fingerprint) {
        var stored = jdbc.sql("select fingerprint, status, body, location from platform.idempotency_keys where caller = :caller and key = :key")
                .param("caller", caller).param("key", key)
                .query((rs, row) -> new Stored(rs.getString("fingerprint"), (Integer) rs.getObject("status"),
                        rs.getString("body"), rs.getString("location")))
                .single();
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was already used with a different request.");
        }
        if (stored.status() == null) {
            // only possible when a row survived without an answer; say so rather than run twice
            throw ProblemException.conflict("idempotency-in-progress", "Request in progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
        var replay = ResponseEntity.status(stored.status()).header("Idempotent-Replayed", "true");
        if (stored.location() != null) {
            replay.header("Location", stored.location());
        }
        return stored.body() == null ? replay.build() : replay.contentType(MediaType.APPLICATION_JSON).body(stored.body());
    }

    private record Stored(String fingerprint, Integer status, String body, String location) {
    }

    private String fingerprint(String operation, Object request) {
        JsonNode tree = json.valueToTree(request);
        // re-serialised with sorted keys, so the same body written in another key order is the same request
        String text = operation + "\n" + canonical.writeValueAsString(canonical.treeToValue(tree, Object.class));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
