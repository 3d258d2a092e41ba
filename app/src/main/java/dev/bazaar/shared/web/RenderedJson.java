package dev.bazaar.shared.web;

/**
 * An answer already written as JSON (kept by a cache, say), sent as the bytes it is, without serialising it again.
 * {@code T} is the shape those bytes have: the OpenAPI document shows {@code T}, not this wrapper.
 */
public record RenderedJson<T>(byte[] bytes) {
}
