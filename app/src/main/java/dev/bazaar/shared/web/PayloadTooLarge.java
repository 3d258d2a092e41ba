package dev.bazaar.shared.web;

import java.io.IOException;

/** Thrown while reading a request body that grows past the limit (a chunked body has no Content-Length to check). */
public class PayloadTooLarge extends IOException {
    PayloadTooLarge(long limit) {
        super("request body larger than " + limit + " bytes");
    }
}
